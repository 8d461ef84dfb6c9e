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
public static class KerasImporter
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
        var formats = topology.Calls.Select(c => (c.Name, Format: c.Config.Get("data_format")?.Str())).Where(f => f.Format is not null).DistinctBy(f => f.Format).ToList();
        if (formats.Count > 1)
        {
            throw new CnnMemException($"{source}: the model mixes data formats ('{formats[0].Name}' is {formats[0].Format}, '{formats[1].Name}' is {formats[1].Format}); cnnmem analyses one layout per model");
        }
        return formats.Count == 0 || formats[0].Format != "channels_first";
    }

    private static JsonAt InputShape(KerasInput input) =>
        input.Shape ?? input.Config.Get("batch_input_shape") ?? input.Config.Get("batch_shape")
        ?? throw new CnnMemException($"{input.Config.Source}: {input.Config.Path}: input '{input.Name}' declares no shape ('batch_input_shape' or 'batch_shape')");

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
        // Calls can be listed before the layers that feed them (a shared layer's later calls): resolve in passes.
        var ranks = inputs.ToDictionary(i => i.Name, i => i.Shape.Rank, StringComparer.Ordinal);
        var pending = topology.Calls.ToList();
        var nodes = ImmutableArray.CreateBuilder<Node>();
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
                var (ops, rank) = Translate(call, layout, ranks[call.Inputs[0]], source);
                ranks[call.Output] = rank;
                nodes.AddRange(Emit(call, ops, source));
            }
        }
        return nodes.ToImmutable();
    }

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
    private static IEnumerable<Node> Emit(KerasCall call, ImmutableArray<KerasOp> ops, string source)
    {
        var group = new LayerGroup(call.Name, call.ClassName, call.Call);
        var trainable = call.Config.Bool("trainable", true);
        var inputs = call.Inputs;
        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            var name = NodeName(call.Output, ops, i);
            var output = i == ops.Length - 1 ? call.Output : name;
            yield return new Node(name, op.Op, inputs, [output], op.Attributes, op.Domain, new SourceRef(source))
            {
                Layer = group,
                Trainable = trainable,
                ParamScope = call.Call == 0 ? null : NodeName(call.Name, ops, i),
            };
            inputs = [output];
        }
    }

    private static string NodeName(string call, ImmutableArray<KerasOp> ops, int i) =>
        ops.Length == 1 ? call : $"{call}/{(ops[i].Part.Length > 0 ? ops[i].Part : ops[i].Op.ToLowerInvariant())}";
}
