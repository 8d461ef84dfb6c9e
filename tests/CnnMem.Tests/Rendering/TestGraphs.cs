using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Rendering;

/// <summary>Small hand-made networks for renderer and CLI tests (they need only the Conv rule).</summary>
internal static class TestGraphs
{
    /// <summary>
    /// Input N x 3 x 8 x 8 shown channels-last; c1: conv 4 filters 3x3 same (4x8x8, 112 params);
    /// c2: conv 2 filters 3x3 stride 2 valid (2x3x3, 74 params).
    /// </summary>
    public static ModelGraph TwoConv(DisplayLayout layout = DisplayLayout.ChannelsLast)
    {
        var c1 = new Node("c1", "Conv", ImmutableArray.Create("x"), ImmutableArray.Create("y1"), Attributes.From(
            ("filters", AttrValue.Of(4L)),
            ("kernel_shape", AttrValue.Of(new[] { 3L, 3L })),
            ("auto_pad", AttrValue.Of("SAME_UPPER"))));
        var c2 = new Node("c2", "Conv", ImmutableArray.Create("y1"), ImmutableArray.Create("y2"), Attributes.From(
            ("filters", AttrValue.Of(2L)),
            ("kernel_shape", AttrValue.Of(new[] { 3L, 3L })),
            ("strides", AttrValue.Of(new[] { 2L, 2L }))));
        var input = new TensorInfo("x", DType.Float32, Shape.Of(Dim.Sym("N"), 3, 8, 8));
        var graph = new ModelGraph(
            "twoconv",
            ImmutableArray.Create(input),
            ImmutableDictionary<string, Initializer>.Empty,
            ImmutableArray.Create(c1, c2),
            ImmutableArray.Create("y2"))
        {
            BatchSymbol = "N",
            Layout = layout,
            Source = "built-in",
        };
        return GraphValidator.Validate(graph);
    }

    public static AnalysisReport Report(long batch = 2, Optimizer optimizer = Optimizer.Adam) =>
        Analyzer.Analyze(TwoConv(), new AnalysisOptions { Batch = batch, Optimizer = optimizer });
}
