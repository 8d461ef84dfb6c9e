using CnnMem.Ops;
using CnnMem.Rendering;

namespace CnnMem.Tests.Rendering;

/// <summary>
/// The short op names of people's tables, now declared by the op rules (<see cref="IOpRule.ShortNames"/>): every row of the
/// table Rendering used to hold shows as before, a folded group's name part by part, and JSON and CSV keep canonical names.
/// </summary>
public class OpNamesTests
{
    [Theory]
    [InlineData("BatchNormalization", "BatchNorm")]
    [InlineData("InstanceNormalization", "InstanceNorm")]
    [InlineData("LayerNormalization", "LayerNorm")]
    [InlineData("GroupNormalization", "GroupNorm")] // no rule: UnruledOpNames
    [InlineData("GlobalAveragePool", "GlobalAvgPool")]
    [InlineData("AveragePool", "AvgPool")]
    [InlineData("AdaptiveAvgPool", "AdaptiveAvgPool")]
    [InlineData("MeanVarianceNormalization", "MVN")]
    [InlineData("Conv", "Conv")]
    [InlineData("MaxPool", "MaxPool")]
    [InlineData("GlobalMaxPool", "GlobalMaxPool")]
    [InlineData("MyAttention", "MyAttention")]
    public void ShortName_IsUnchanged(string op, string shown) => Assert.Equal(shown, OpNames.Display(op));

    [Theory]
    [InlineData("Conv+BatchNormalization+Relu", "Conv+BN+Relu")]
    [InlineData("Conv+InstanceNormalization+Relu", "Conv+IN+Relu")]
    [InlineData("MatMul+LayerNormalization", "MatMul+LN")]
    [InlineData("Conv+GroupNormalization+SiLU", "Conv+GN+SiLU")]
    [InlineData("Conv+AveragePool", "Conv+AvgPool")]
    [InlineData("Gemm+MeanVarianceNormalization+GlobalAveragePool", "Gemm+MVN+GlobalAvgPool")]
    [InlineData("12 layers", "12 layers")]
    public void GroupName_IsUnchangedPartByPart(string op, string shown) => Assert.Equal(shown, OpNames.Display(op));

    [Fact]
    public void EveryShortName_NamesAnOpOfItsRule()
    {
        foreach (var rule in BuiltInOpRules.All)
        {
            Assert.All(rule.ShortNames, n => Assert.Contains(n.Op, rule.OpTypes));
        }
        Assert.All(UnruledOpNames.All, n => Assert.Null(OpRegistry.Default.Rules.FirstOrDefault(r => r.OpTypes.Contains(n.Op))));
    }

    [Fact]
    public void ShortNameOfAnOpNotItsOwn_IsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new OpRegistry([new MisnamingRule()]));
        Assert.Contains("MisnamingRule declares a short name for Sqrt, which is not one of its op types", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvKeepsCanonicalNames()
    {
        var csv = CsvReportWriter.Write(Model.BuiltIn("resnet_block").Analyze(new AnalysisOptions { Batch = 1, FrameworkMemory = false }));
        Assert.Contains(",BatchNormalization,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",BatchNorm,", csv, StringComparison.Ordinal);
    }

    private sealed class MisnamingRule : IOpRule
    {
        public System.Collections.Immutable.ImmutableArray<string> OpTypes { get; } = ["Abs"];

        public System.Collections.Immutable.ImmutableArray<OpShortName> ShortNames { get; } = [new("Sqrt", "Root")];

        public string Description => "A rule whose short name names another op.";

        public OpResult Infer(OpContext ctx) => throw new NotSupportedException();
    }
}
