using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class EmbeddingRuleTests
{
    private static readonly EmbeddingRule Rule = new();

    // indices, vocabulary, vector length -> output, params
    [Theory]
    [InlineData("2x50", DType.Int64, 1000L, 32L, "2x50x32", 32000L)]
    [InlineData("2x50", DType.Float32, 1000L, 32L, "2x50x32", 32000L)] // Keras inputs are often float32
    [InlineData("8", DType.Int32, 10L, 4L, "8x4", 40L)]
    [InlineData("1x3x5", DType.Int64, 7L, 2L, "1x3x5x2", 14L)]
    public void Embedding_InfersShapeAndTable(string input, DType dtype, long vocab, long dim, string expected, long prms)
    {
        var r = Run(Rule, "Embedding", A(("num_embeddings", vocab), ("embedding_dim", dim)), T("x", input, dtype));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(DType.Float32, r.Outputs[0].DType);
        Assert.Equal(("n.weight", prms, ParamRole.Weight), (r.Params.Single().Name, r.Params.Single().Elements, r.Params.Single().Role));
        Assert.Equal(0, r.Macs);
        Assert.Equal(new[] { SavedTensor.In(0, "indices") }, r.Saved);
    }

    [Theory]
    [InlineData(0L, 4L, "vocabulary size must be at least 1")]
    [InlineData(10L, 0L, "vector length must be at least 1")]
    public void Embedding_BadSizes_Fail(long vocab, long dim, string expected) =>
        Assert.Contains(expected, Fails(Rule, "Embedding", A(("num_embeddings", vocab), ("embedding_dim", dim)), T("x", "2x3", DType.Int64)));

    [Fact]
    public void Embedding_MissingSizes_Fail() =>
        Assert.Contains("num_embeddings", Fails(Rule, "Embedding", A(("embedding_dim", 3L)), T("x", "2x3", DType.Int64)));
}
