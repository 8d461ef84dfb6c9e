using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;

namespace CnnMem.Tests.Onnx.Rules;

/// <summary>
/// Exporter-style shape arithmetic through the whole engine: Shape -> Gather -> Unsqueeze -> Concat -> Reshape
/// (torch's x.view(x.size(0), -1)) must give a static Reshape target; a runtime target must give unknown dims.
/// </summary>
public class ValueChainTests
{
    private static Node N(string name, string op, string[] ins, string[] outs, Attributes? attrs = null) =>
        new(name, op, ins.ToImmutableArray(), outs.ToImmutableArray(), attrs ?? Attributes.Empty);

    private static Initializer Init(string name, Shape shape, params long[] values) =>
        new(new TensorInfo(name, DType.Int64, shape, TensorValue.FromInts(DType.Int64, shape, values)));

    private static ModelGraph Graph(ImmutableArray<TensorInfo> inputs, IEnumerable<Initializer> inits, params Node[] nodes) =>
        new("chain", inputs, inits.ToImmutableDictionary(i => i.Name), nodes.ToImmutableArray(), ImmutableArray.Create("y")) { OpsetVersion = 13 };

    [Fact]
    public void Chain_ShapeGatherUnsqueezeConcatReshape_GivesStaticTarget()
    {
        var x = new TensorInfo("x", DType.Float32, Shape.Of(8, 3, 4, 5));
        var g = Graph(ImmutableArray.Create(x),
            new[] { Init("zero", Shape.Scalar, 0), Init("axes0", Shape.Of(1), 0), Init("minus1", Shape.Of(1), -1) },
            N("shape", "Shape", ["x"], ["s"]),
            N("gather", "Gather", ["s", "zero"], ["n"], Attributes.From(("axis", AttrValue.Of(0L)))),
            N("unsq", "Unsqueeze", ["n", "axes0"], ["n1"]),
            N("concat", "Concat", ["n1", "minus1"], ["target"], Attributes.From(("axis", AttrValue.Of(0L)))),
            N("reshape", "Reshape", ["x", "target"], ["y"]));
        var r = ShapeInference.Run(g, new InferenceOptions());
        Assert.Equal(new long[] { 8, -1 }, r.Tensors["target"].Value!.AsLongs());
        Assert.Equal(Shape.Of(8, 60), r.Tensors["y"].Shape);
    }

    [Fact]
    public void Chain_CastRangeSliceFeedExpand_GivesStaticShape()
    {
        // Shape -> Slice (last two dims) -> Cast to float and back -> Expand a [1] tensor to [4, 5].
        var x = new TensorInfo("x", DType.Float32, Shape.Of(2, 3, 4, 5));
        var g = Graph(ImmutableArray.Create(x, new TensorInfo("one", DType.Float32, Shape.Of(1))),
            new[] { Init("st", Shape.Of(1), -2), Init("en", Shape.Of(1), long.MaxValue) },
            N("shape", "Shape", ["x"], ["s"]),
            N("slice", "Slice", ["s", "st", "en"], ["hw"]),
            N("tof", "Cast", ["hw"], ["hwf"], Attributes.From(("to", AttrValue.Of(1L)))),
            N("toi", "Cast", ["hwf"], ["hwi"], Attributes.From(("to", AttrValue.Of(7L)))),
            N("expand", "Expand", ["one", "hwi"], ["y"]));
        var r = ShapeInference.Run(g, new InferenceOptions());
        Assert.Equal(Shape.Of(4, 5), r.Tensors["y"].Shape);
    }

    [Fact]
    public void Chain_RuntimeTarget_GivesUnknownDimsOfRightRank()
    {
        var x = new TensorInfo("x", DType.Float32, Shape.Of(8, 3, 4, 5));
        var target = new TensorInfo("target", DType.Int64, Shape.Of(3));
        var g = Graph(ImmutableArray.Create(x, target), Array.Empty<Initializer>(), N("reshape", "Reshape", ["x", "target"], ["y"]));
        var r = ShapeInference.Run(g, new InferenceOptions());
        Assert.Equal(3, r.Tensors["y"].Shape.Rank);
        Assert.All(r.Tensors["y"].Shape, d => Assert.True(d.IsUnknown));
    }
}
