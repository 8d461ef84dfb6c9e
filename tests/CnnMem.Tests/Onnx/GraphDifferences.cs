using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// Compares two imported graphs field by field (records compare their immutable arrays by reference, so
/// <c>==</c> cannot): names, inputs, initializers with their values, nodes with their attributes, outputs,
/// declared shapes and the batch settings. Returns a sentence per difference (at most a few).
/// </summary>
internal static class GraphDifferences
{
    private const int MaxReported = 5;

    public static List<string> Between(ModelGraph a, ModelGraph b)
    {
        var d = new List<string>();
        Check(d, "name", a.Name, b.Name);
        Check(d, "source", a.Source, b.Source);
        Check(d, "opset", a.OpsetVersion, b.OpsetVersion);
        Check(d, "batch symbol", a.BatchSymbol, b.BatchSymbol);
        Check(d, "default batch", a.DefaultBatch, b.DefaultBatch);
        Check(d, "outputs", string.Join(",", a.Outputs), string.Join(",", b.Outputs));
        Check(d, "input count", a.Inputs.Length, b.Inputs.Length);
        for (var i = 0; i < Math.Min(a.Inputs.Length, b.Inputs.Length); i++)
        {
            Tensor(d, $"input {i}", a.Inputs[i], b.Inputs[i]);
        }
        Check(d, "initializer names", Keys(a.Initializers.Keys), Keys(b.Initializers.Keys));
        foreach (var (name, init) in a.Initializers)
        {
            if (b.Initializers.TryGetValue(name, out var other))
            {
                Tensor(d, $"initializer '{name}'", init.Tensor, other.Tensor);
            }
        }
        Check(d, "declared names", Keys(a.DeclaredShapes.Keys), Keys(b.DeclaredShapes.Keys));
        foreach (var (name, t) in a.DeclaredShapes)
        {
            if (b.DeclaredShapes.TryGetValue(name, out var other))
            {
                Tensor(d, $"declared '{name}'", t, other);
            }
        }
        Check(d, "node count", a.Nodes.Length, b.Nodes.Length);
        for (var i = 0; i < Math.Min(a.Nodes.Length, b.Nodes.Length) && d.Count < MaxReported; i++)
        {
            Node(d, a.Nodes[i], b.Nodes[i]);
        }
        return d.Take(MaxReported).ToList();
    }

    private static void Node(List<string> d, Node a, Node b)
    {
        var at = $"node {a.Name}";
        Check(d, at + " name", a.Name, b.Name);
        Check(d, at + " op", a.Op, b.Op);
        Check(d, at + " domain", a.Domain, b.Domain);
        Check(d, at + " inputs", string.Join(",", a.Inputs), string.Join(",", b.Inputs));
        Check(d, at + " outputs", string.Join(",", a.Outputs), string.Join(",", b.Outputs));
        Check(d, at + " attribute names", Keys(a.Attributes.Values.Keys), Keys(b.Attributes.Values.Keys));
        foreach (var (name, v) in a.Attributes.Values)
        {
            if (b.Attributes.Values.TryGetValue(name, out var w))
            {
                Attribute(d, $"{at} attribute '{name}'", v, w);
            }
        }
    }

    private static void Attribute(List<string> d, string at, AttrValue a, AttrValue b)
    {
        Check(d, at + " kind", a.Kind, b.Kind);
        Check(d, at, a.ToString(), b.ToString());
        if (a.Kind == AttrKind.Float)
        {
            Check(d, at + " bits", BitConverter.DoubleToInt64Bits(a.Float), BitConverter.DoubleToInt64Bits(b.Float));
        }
        if (a.Tensor is { } t && b.Tensor is { } u)
        {
            Tensor(d, at, t, u);
        }
    }

    private static void Tensor(List<string> d, string at, TensorInfo a, TensorInfo b)
    {
        Check(d, at + " name", a.Name, b.Name);
        Check(d, at + " dtype", a.DType, b.DType);
        Check(d, at + " shape", a.Shape.ToString(), b.Shape.ToString());
        Check(d, at + " shape dims", string.Join(",", a.Shape.Dims.Select(x => $"{x.Value}/{x.Symbol}")), string.Join(",", b.Shape.Dims.Select(x => $"{x.Value}/{x.Symbol}")));
        Check(d, at + " value", Value(a.Value), Value(b.Value));
    }

    private static string Value(TensorValue? v) => v is null
        ? "none"
        : $"{v.DType} {v.Shape} ints {Join(v.Ints)} reals {Join(v.Reals?.Select(BitConverter.DoubleToInt64Bits).ToImmutableArray())}";

    private static string Join(ImmutableArray<long>? values) => values is { } v ? string.Join(",", v) : "-";

    private static string Keys(IEnumerable<string> keys) => string.Join(",", keys.Order(StringComparer.Ordinal));

    private static void Check<T>(List<string> d, string what, T a, T b)
    {
        if (!EqualityComparer<T>.Default.Equals(a, b))
        {
            d.Add($"{what}: {a} vs {b}");
        }
    }
}
