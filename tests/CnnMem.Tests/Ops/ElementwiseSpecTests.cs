using System.Collections.Immutable;
using CnnMem.Import.Spec;
using CnnMem.Inference;

namespace CnnMem.Tests.Ops;

/// <summary>End to end: spec lines with the element-wise keywords, through the parser and shape inference.</summary>
public class ElementwiseSpecTests
{
    private static InferenceResult Infer(string spec) =>
        ShapeInference.Run(SpecParser.Parse(spec, "t.cnn"), new InferenceOptions { Bindings = ImmutableDictionary<string, long>.Empty.Add("N", 2) });

    [Fact]
    public void Spec_ResidualAddConcatSoftmax_Infers()
    {
        var r = Infer("""
            input 8x8x4 layout=hwc
            a: conv 4 3x3 pad=same
            b: relu6
            c: prelu
            s: add a c
            m: multiply s b
            k: concat s m b
            g: swish
            p: softmax axis=1
            """);
        var byName = r.Nodes.ToDictionary(n => n.Node.Name);
        Assert.Equal("cnnmem", byName["b"].Node.Domain);
        Assert.Equal(2, byName["s"].Node.Inputs.Length);
        Assert.Equal(Shape.Of(2, 4, 8, 8), byName["m"].Result.Outputs[0].Shape);
        Assert.Equal(Shape.Of(2, 12, 8, 8), byName["k"].Result.Outputs[0].Shape);
        Assert.Equal(Shape.Of(2, 12, 8, 8), byName["p"].Result.Outputs[0].Shape);
        Assert.Equal(Shape.Of(4), Assert.Single(byName["c"].Params).Shape);
    }

    [Fact]
    public void Spec_AddOfMismatchedLayers_FailsWithLocation()
    {
        var e = Assert.Throws<CnnMemException>(() => Infer("""
            input 8x8x4 layout=hwc
            a: conv 4 3x3 pad=same
            b: conv 6 3x3 pad=same from=a
            s: add a b
            """));
        Assert.Contains("t.cnn:4", e.Message);
        Assert.Contains("cannot be broadcast", e.Message);
    }
}
