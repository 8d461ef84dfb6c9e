using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Ops;
using CnnMem.Ops.Rules;

namespace CnnMem.Tests.Memory;

/// <summary>Hand-built graphs for the memory model: x [N,3,8,8] -> conv c1 (8 filters 3x3 pad 1) -> relu r1 -> conv c2 (4 filters 3x3 pad 1) -> y.</summary>
internal static class TestGraphs
{
    public static readonly OpRegistry Registry = new(new IOpRule[] { new ConvRule(), new TestReluRule() });

    public static InferenceResult ConvReluConv(long batch, bool extraReaderOfC1 = false)
    {
        var x = new TensorInfo("x", DType.Float32, Shape.Of(Dim.Sym("N"), Dim.Of(3), Dim.Of(8), Dim.Of(8)));
        var nodes = ImmutableArray.Create(
            Conv("c1", "x", "a1", 8),
            new Node("r1", "TestRelu", ImmutableArray.Create("a1"), ImmutableArray.Create("h1"), Attributes.Empty, "test"),
            Conv("c2", "h1", "y", 4));
        var outputs = ImmutableArray.Create("y");
        if (extraReaderOfC1)
        {
            // a second reader of c1's output forbids running r1 in place
            nodes = nodes.Add(Conv("c3", "a1", "z", 4));
            outputs = outputs.Add("z");
        }
        var graph = GraphValidator.Validate(new ModelGraph("t", ImmutableArray.Create(x), ImmutableDictionary<string, Initializer>.Empty, nodes, outputs) { BatchSymbol = "N" });
        return ShapeInference.Run(graph, new InferenceOptions
        {
            Bindings = ImmutableDictionary<string, long>.Empty.Add("N", batch),
            Registry = Registry,
        });
    }

    private static Node Conv(string name, string input, string output, long filters) =>
        new(name, "Conv", ImmutableArray.Create(input), ImmutableArray.Create(output), Attributes.From(
            ("filters", AttrValue.Of(filters)),
            ("kernel_shape", AttrValue.Of(new[] { 3L, 3L })),
            ("pads", AttrValue.Of(new[] { 1L, 1L, 1L, 1L }))));
}
