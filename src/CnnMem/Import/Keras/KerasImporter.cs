using System.Collections.Immutable;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Import.Keras;

/// <summary>
/// Reads a Keras model (<c>model.to_json()</c>, a TensorFlow.js <c>model.json</c>, or a Keras 3 <c>.keras</c>
/// archive) into a <see cref="ModelGraph"/>. Weights are never read: only the topology.
/// 1. Find the model config (<see cref="KerasDocument"/>) and its layer calls (<see cref="KerasTopology"/>).
/// 2. The layout: channels last unless the layers say channels_first (a model mixing both is refused).
/// 3. Inputs: the batch axis becomes the symbol N; the other sizes must be fixed.
/// 4. Each call becomes a chain of canonical nodes (<see cref="KerasLayers"/>) grouped under the Keras layer,
///    so the report shows one row per layer; a shared layer's later calls share the first call's parameters.
/// 5. Parameters are counted as Keras does (<see cref="ParamConvention.NonTrainableWeights"/>).
/// </summary>
internal static class KerasImporter
{
    public const string BatchSymbol = "N";

    /// <summary>True for files this importer reads: <c>.keras</c>, and <c>.json</c>.</summary>
    public static bool Handles(string extension) => extension is ".keras" or ".json";

    public static ModelGraph Import(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CnnMemException($"'{path}' is a folder; expected a Keras .json or .keras file");
        }
        if (!File.Exists(path))
        {
            throw new CnnMemException($"file not found: {path}");
        }
        using var doc = KerasDocument.Parse(path);
        return FromModel(KerasDocument.Model(doc, path), path);
    }

    /// <summary>Reads a Keras model from a file's bytes (JSON or a .keras archive), e.g. a web page's upload; <paramref name="source"/> names it in errors.</summary>
    public static ModelGraph ImportBytes(byte[] data, string source)
    {
        using var doc = KerasDocument.Read(data, source);
        return FromModel(KerasDocument.Model(doc, source), source);
    }

    /// <summary>Reads a Keras model from JSON text (a test or a web page's upload); <paramref name="source"/> names it in errors.</summary>
    public static ModelGraph ImportJson(string json, string source)
    {
        using var doc = KerasDocument.Parse(System.Text.Encoding.UTF8.GetBytes(json), source);
        return FromModel(KerasDocument.Model(doc, source), source);
    }

    private static ModelGraph FromModel(JsonAt model, string source)
    {
        var topology = KerasTopology.Read(model);
        var layout = new KerasLayout(ChannelsLast(topology, source));
        var inputs = topology.Inputs.Select(i => Input(i, layout)).ToImmutableArray();
        if (inputs.GroupBy(i => i.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CnnMemException($"{source}: two inputs are named '{twice.Key}'");
        }
        long? defaultBatch = null;
        foreach (var i in topology.Inputs)
        {
            defaultBatch ??= FixedBatch(i);
        }
        var graph = new ModelGraph(topology.Name, inputs, ImmutableDictionary<string, Initializer>.Empty, Nodes(topology, layout, inputs, source), topology.Outputs)
        {
            BatchSymbol = BatchSymbol,
            DefaultBatch = defaultBatch,
            Layout = layout.ChannelsLast ? DisplayLayout.ChannelsLast : DisplayLayout.ChannelsFirst,
            Source = source,
            ParamConvention = ParamConvention.NonTrainableWeights,
            InputOp = "InputLayer", // each input is a Keras layer of that class, as summary() lists it
        };
        try
        {
            return GraphValidator.Validate(graph);
        }
        catch (CnnMemException e)
        {
            throw new CnnMemException($"{source}: {e.Message}", e);
        }
    }

    private static bool ChannelsLast(KerasTopology topology, string source)
    {
        var formats = AllCalls(topology).Select(c => (c.Name, Format: c.Config.Get("data_format")?.Str())).Where(f => f.Format is not null).DistinctBy(f => f.Format).ToList();
        if (formats.Count > 1)
        {
            throw new CnnMemException($"{source}: the model mixes data formats ('{formats[0].Name}' is {formats[0].Format}, '{formats[1].Name}' is {formats[1].Format}); cnnmem analyses one layout per model");
        }
        return formats.Count == 0 || formats[0].Format != "channels_first";
    }

    private static IEnumerable<KerasCall> AllCalls(KerasTopology topology) =>
        topology.Calls.SelectMany(c => c.IsModel ? AllCalls(KerasTopology.Read(c.Layer)) : [c]);

    private static JsonAt InputShape(KerasInput input) =>
        input.Shape ?? input.Config.Get("batch_input_shape") ?? input.Config.Get("batch_shape")
        ?? throw new CnnMemException($"{input.Config.Source}: {input.Config.Path}: input '{input.Name}' declares no shape ('batch_input_shape' or 'batch_shape', or an InputLayer before the first layer); cnnmem cannot analyse a model that was never built");

    private static long? FixedBatch(KerasInput input) => InputShape(input).Dims() is { Length: > 0 } d ? d[0] : null;

    private static TensorInfo Input(KerasInput input, KerasLayout layout)
    {
        var shape = InputShape(input);
        var dims = shape.Dims();
        if (dims.Length == 0)
        {
            throw shape.Error("a shape with a batch axis");
        }
        for (var k = 1; k < dims.Length; k++)
        {
            if (dims[k] is not > 0)
            {
                throw new CnnMemException($"{shape.Source}: {shape.Path}[{k}]: input '{input.Name}' has {(dims[k] is null ? "no fixed size" : $"size {dims[k]}")} on axis {k}; cnnmem needs every size but the batch (give the model a fixed input shape)");
            }
        }
        var keras = dims.Select((d, k) => k == 0 ? Dim.Sym(BatchSymbol) : Dim.Of(d!.Value)).ToArray();
        return new TensorInfo(input.Name, DTypeOf(input.Config), Shape.Of(layout.Dims(keras)));
    }

    /// <summary>The input's dtype: a name (<c>float32</c>) or Keras 3's DTypePolicy object.</summary>
    private static DType DTypeOf(JsonAt config)
    {
        if (config.Get("dtype") is not { } d)
        {
            return DType.Float32;
        }
        var name = d.Kind == JsonValueKind.Object ? d.Require("config").Require("name").Str() : d.Str();
        name = name.StartsWith("mixed_", StringComparison.Ordinal) ? "float32" : name;
        return DTypes.TryParse(name, out var t) ? t : throw d.Error("a dtype name such as float32");
    }

    private static ImmutableArray<Node> Nodes(KerasTopology topology, KerasLayout layout, ImmutableArray<TensorInfo> inputs, string source)
    {
        var ranks = inputs.ToDictionary(i => i.Name, i => i.Shape.Rank, StringComparer.Ordinal);
        var nodes = ImmutableArray.CreateBuilder<Node>();
        AddCalls(topology.Calls, layout, ranks, nodes, null, source);
        return nodes.ToImmutable();
    }

    /// <summary>Translates calls whose inputs are ready, in passes: a shared layer's later calls can be listed before the layers that feed them.</summary>
    private static void AddCalls(IEnumerable<KerasCall> calls, KerasLayout layout, Dictionary<string, int> ranks, ImmutableArray<Node>.Builder nodes, KerasNesting? nesting, string source)
    {
        var pending = calls.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(c => c.Inputs.All(ranks.ContainsKey)).ToList();
            if (ready.Count == 0)
            {
                var stuck = pending[0];
                var missing = stuck.Inputs.First(i => !ranks.ContainsKey(i));
                throw new CnnMemException($"{source}: layer '{stuck.Name}' ({stuck.ClassName}) reads '{missing}', which no layer or input produces (or the layers form a cycle)");
            }
            foreach (var call in ready)
            {
                pending.Remove(call);
                if (call.IsModel)
                {
                    AddModel(call, layout, ranks, nodes, nesting, source);
                    continue;
                }
                var (ops, rank) = Translate(call, layout, ranks[call.Inputs[0]], source);
                ranks[call.Output] = rank;
                nodes.AddRange(Emit(call, ops, nesting, source));
            }
        }
    }

    /// <summary>
    /// A model used as a layer: its layers under the call's name (<c>encoder/enc_conv</c>) and in the call's row, its
    /// inputs the call's inputs, and an identity from its output to the call's.
    /// </summary>
    private static void AddModel(KerasCall call, KerasLayout layout, Dictionary<string, int> ranks, ImmutableArray<Node>.Builder nodes, KerasNesting? outer, string source)
    {
        var inner = KerasTopology.Read(call.Layer);
        if (inner.Inputs.Length != call.Inputs.Length || inner.Outputs.Length != 1)
        {
            throw new CnnMemException($"{source}: layer '{call.Name}' ({call.ClassName}): a nested model with {inner.Inputs.Length} input(s) and {inner.Outputs.Length} output(s) called on {call.Inputs.Length} tensor(s); cnnmem supports nested models with one output, called on all their inputs");
        }
        var nesting = new KerasNesting(call.Output, ParamName(call, outer), outer?.Group ?? new LayerGroup(call.Name, call.ClassName, call.Call), call.Config.Bool("trainable", true) && (outer?.Trainable ?? true));
        var map = inner.Inputs.Select((input, k) => (input.Name, Outer: call.Inputs[k])).DistinctBy(p => p.Name).ToDictionary(p => p.Name, p => p.Outer, StringComparer.Ordinal);
        string Rename(string t) => map.TryGetValue(t, out var o) ? o : $"{nesting.Prefix}/{t}";
        AddCalls(inner.Calls.Select(c => c with { Name = $"{nesting.Prefix}/{c.Name}", Inputs = c.Inputs.Select(Rename).ToImmutableArray() }), layout, ranks, nodes, nesting, source);
        var output = Rename(inner.Outputs[0]);
        ranks[call.Output] = ranks[output];
        nodes.AddRange(Emit(call with { Inputs = [output] }, [new KerasOp("Identity", Attributes.Empty, "")], outer, source).Select(n => n with { Layer = nesting.Group }));
    }

    /// <summary>The name a call's parameters live under: its own for a top-level layer, the first call's inside a nested model's later calls.</summary>
    private static string ParamName(KerasCall call, KerasNesting? nesting) =>
        nesting is null ? call.Name : nesting.ParamPrefix + call.Name[nesting.Prefix.Length..];

    private static (ImmutableArray<KerasOp>, int) Translate(KerasCall call, KerasLayout layout, int rank, string source)
    {
        try
        {
            return KerasLayers.Translate(call, layout, rank);
        }
        catch (OpException e)
        {
            throw new CnnMemException($"{source}: layer '{call.Name}' ({call.ClassName}): {e.Message}", e);
        }
        catch (CnnMemException e)
        {
            throw new CnnMemException($"{e.Message} (layer '{call.Name}', {call.ClassName})", e);
        }
    }

    /// <summary>
    /// The chain of nodes for one call: a lone node is named after the call's output (<c>conv1</c>, <c>shared@1</c>),
    /// several are <c>conv1/conv</c>, <c>conv1/activation</c> with the last writing <c>conv1</c>.
    /// </summary>
    private static IEnumerable<Node> Emit(KerasCall call, ImmutableArray<KerasOp> ops, KerasNesting? nesting, string source)
    {
        var group = nesting?.Group ?? new LayerGroup(call.Name, call.ClassName, call.Call);
        var trainable = call.Config.Bool("trainable", true) && (nesting?.Trainable ?? true);
        var paramName = ParamName(call, nesting);
        var inputs = call.Inputs;
        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            var name = NodeName(call.Output, ops, i);
            var output = i == ops.Length - 1 ? call.Output : name;
            var scope = NodeName(paramName, ops, i);
            yield return new Node(name, op.Op, inputs, [output], op.Attributes, op.Domain, new SourceRef(source))
            {
                Layer = group,
                Trainable = trainable,
                ParamScope = scope == name ? null : scope,
            };
            inputs = [output];
        }
    }

    private static string NodeName(string call, ImmutableArray<KerasOp> ops, int i) =>
        ops.Length == 1 ? call : $"{call}/{(ops[i].Part.Length > 0 ? ops[i].Part : ops[i].Op.ToLowerInvariant())}";
}
