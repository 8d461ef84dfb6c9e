using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

public class TextRuleTests
{
    [Fact]
    public void TfIdf_Rows_WidthFromNgramIndexes()
    {
        var r = Run(new TextRule(), "TfIdfVectorizer", A(("ngram_indexes", L(0, 1, 2, 3, 4, 5, 6))), 9, T("x", "2x6", DType.Int32));
        Assert.Equal(Shape.Of(2, 7), r.Outputs[0].Shape);
        Assert.Equal(DType.Float32, r.Outputs[0].DType);
    }

    [Fact]
    public void StringNormalizer_Stopwords_MakeCountUnknown()
    {
        var r = Run(new TextRule(), "StringNormalizer", A(("stopwords", AttrValue.Of(new[] { "monday" }))), 10, T("x", "4", DType.String));
        Assert.True(r.Outputs[0].Shape[0].IsUnknown);
        var keep = Run(new TextRule(), "StringNormalizer", Attributes.Empty, 10, T("x", "4", DType.String));
        Assert.Equal(Shape.Of(4), keep.Outputs[0].Shape);
    }

    [Fact]
    public void MelWeightMatrix_KnownValues_Shape()
    {
        var r = Run(new MelWeightMatrixRule(), "MelWeightMatrix", Attributes.Empty, 17, Scalar("bins", 8), Scalar("dft", 16), Scalar("rate", 8192), Floats("lo", 0), Floats("hi", 4096));
        Assert.Equal(Shape.Of(9, 8), r.Outputs[0].Shape);
    }
}
