using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// Writes a network as the canonical nodes the ONNX importer reads from a training-mode <c>torch.onnx.export</c>
/// (opset 14): weights are initializers named like PyTorch's state dict (<c>layer1.0.conv1.weight</c>), nodes are
/// named by module path (<c>/layer1/layer1.0/conv1/Conv</c>). Families call <see cref="Emit"/> through
/// <see cref="TorchLayers"/>. The builder tracks each tensor's feature count (channels, or the last dim of token
/// tensors) so layers can size their weights; shapes themselves are left to shape inference.
/// </summary>
internal sealed class NetBuilder
{
    public const string InputName = "input";
    public const string OutputName = "output";
    public const string BatchSymbol = "N";

    private readonly List<Node> nodes = [];
    private readonly Dictionary<string, Initializer> initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> features = new(StringComparer.Ordinal);
    private readonly HashSet<string> nodeNames = new(StringComparer.Ordinal);
    private readonly List<string> modules = [];
    private readonly List<string> scopes = [];
    private readonly Dictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly string name;
    private readonly TensorInfo input;

    public NetBuilder(string name, long channels, long height, long width)
    {
        this.name = name;
        input = new TensorInfo(InputName, DType.Float32, Shape.Of(Dim.Sym(BatchSymbol), channels, height, width));
        features[InputName] = channels;
    }

    public string Input => InputName;

    /// <summary>The feature count (channels, or the last dim for token tensors) of tensor <paramref name="x"/>.</summary>
    public long Features(string x) => features.TryGetValue(x, out var f) ? f : throw new InvalidOperationException($"zoo builder: no feature count for '{x}'");

    /// <summary>Runs <paramref name="body"/> inside submodule <paramref name="module"/> (its attribute name or index).</summary>
    public T In<T>(string module, Func<T> body)
    {
        // The exporter's scope names: an attribute child is named by its attribute, a Sequential's
        // child by the Sequential's scope name and its index (layer1 -> layer1.0; conv.0 -> conv.0.0).
        modules.Add(modules.Count == 0 ? module : $"{modules[^1]}.{module}");
        // A module called again (a ReLU used twice in one block) gets _1, _2, ... (relu, relu_1).
        var scope = scopes.Count > 0 && module.All(char.IsAsciiDigit) ? $"{scopes[^1]}.{module}" : module;
        var key = string.Join("/", scopes) + "/" + scope;
        var count = calls.GetValueOrDefault(key);
        calls[key] = count + 1;
        scopes.Add(count == 0 ? scope : $"{scope}_{count}");
        try
        {
            return body();
        }
        finally
        {
            modules.RemoveAt(modules.Count - 1);
            scopes.RemoveAt(scopes.Count - 1);
        }
    }

    public T In<T>(int index, Func<T> body) => In(index.ToString(System.Globalization.CultureInfo.InvariantCulture), body);

    /// <summary>A parameter or buffer of the current module: <c>{module}.{suffix}</c>.</summary>
    public string Param(string suffix, params long[] shape)
    {
        var full = modules.Count == 0 ? suffix : $"{modules[^1]}.{suffix}";
        initializers.Add(full, new Initializer(new TensorInfo(full, DType.Float32, Shape.Of(shape))));
        features[full] = shape.Length > 0 ? shape[0] : 1;
        return full;
    }

    /// <summary>A Constant node holding <paramref name="value"/>, as the exporter writes scalars and pads.</summary>
    public string Constant(TensorValue value) =>
        Emit("Constant", [], Attributes.From(("value", AttrValue.Of(new TensorInfo("", value.DType, value.Shape, value)))), 0);

    /// <summary>Appends node <paramref name="op"/> in the current module; returns its first output, whose feature count is <paramref name="outFeatures"/>.</summary>
    public string Emit(string op, ImmutableArray<string> inputs, Attributes attributes, long outFeatures, int outputs = 1, string domain = "")
    {
        var baseName = "/" + string.Concat(scopes.Select(m => m + "/")) + op;
        var nodeName = baseName;
        for (var k = 1; !nodeNames.Add(nodeName); k++)
        {
            nodeName = $"{baseName}_{k}";
        }
        var outs = Enumerable.Range(0, outputs).Select(i => $"{nodeName}_output_{i}").ToImmutableArray();
        nodes.Add(new Node(nodeName, op, inputs, outs, attributes, domain));
        features[outs[0]] = outFeatures;
        return outs[0];
    }

    /// <summary>Output <paramref name="index"/> of the node whose first output is <paramref name="first"/>.</summary>
    public static string Output(string first, int index) => $"{first[..^1]}{index}";

    /// <summary>Sets the feature count of a tensor whose op does not keep its input's (reshapes, transposes).</summary>
    public void SetFeatures(string x, long f) => features[x] = f;

    /// <summary>
    /// The graph, with <paramref name="output"/> renamed to <c>output</c> as the exporter names it; <paramref name="auxiliary"/>
    /// outputs (training-time heads) become graph outputs <c>aux1</c>, <c>aux2</c>, ...
    /// </summary>
    public ModelGraph Build(string output, params string[] auxiliary)
    {
        var rename = new Dictionary<string, string>(StringComparer.Ordinal) { [output] = OutputName };
        for (var i = 0; i < auxiliary.Length; i++)
        {
            rename[auxiliary[i]] = $"aux{i + 1}";
        }
        string R(string t) => rename.GetValueOrDefault(t, t);
        var renamed = nodes.Select(n => n with
        {
            Inputs = n.Inputs.Select(R).ToImmutableArray(),
            Outputs = n.Outputs.Select(R).ToImmutableArray(),
        }).ToImmutableArray();
        var outputs = auxiliary.Select(R).Prepend(OutputName).ToImmutableArray();
        var graph = new ModelGraph(name, [input], initializers.ToImmutableDictionary(StringComparer.Ordinal), renamed, outputs)
        {
            BatchSymbol = BatchSymbol,
            OpsetVersion = 14,
            Source = "built-in",
        };
        return GraphValidator.Validate(graph);
    }
}
