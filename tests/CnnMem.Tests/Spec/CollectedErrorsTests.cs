using CnnMem.Cli;
using CnnMem.Import.Spec;
using CnnMem.Tests.Cli;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Spec;

/// <summary>Shape inference goes on past a failing node and reports every root cause in one error (issue 20.4).</summary>
public class CollectedErrorsTests
{
    // two branches off the input, each with its own mistake; 'c' reads only 'a' (a follow-on, not a cause)
    private const string TwoBadBranches = "input 8x8x3\na: conv 8 9x9\nb: conv 8 3x3 groups=2 from=input\nc: relu from=a\n";

    private static CnnMemException Fail(string text) =>
        Assert.Throws<CnnMemException>(() => Analyzer.Analyze(SpecParser.Parse(text, "x.cnn"), new AnalysisOptions()));

    [Fact]
    public void TwoIndependentErrors_BothReportedWithNamesAndLines()
    {
        var e = Fail(TwoBadBranches);
        Assert.StartsWith("shape inference failed at 2 layers:\n", e.Message);
        Assert.Contains("\n  x.cnn:2:4: layer 'a' (Conv): ", e.Message);
        Assert.Contains("larger than the input", e.Message);
        Assert.Contains("\n  x.cnn:3:4: layer 'b' (Conv): ", e.Message);
        Assert.Contains("not divisible by groups", e.Message);
        Assert.EndsWith("\n1 more layer could not be inferred because it depends on them", e.Message);
        Assert.DoesNotContain("layer 'c'", e.Message);
    }

    [Fact]
    public void Cascade_ReportsTheRootOnce_AndCountsWhatDependsOnIt()
    {
        var e = Fail("input 8x8x3\na: conv 8 9x9\nb: conv 8 3x3\nc: conv 8 3x3\nd: add b c\n");
        Assert.StartsWith("x.cnn:2:4: layer 'a' (Conv): ", e.Message);
        Assert.Single(e.Message.Split('\n'));
        Assert.DoesNotContain("layer 'b'", e.Message);
    }

    [Fact]
    public void OneError_MessageIsExactlyTheFirstError()
    {
        var alone = Fail("input 8x8x3\na: conv 8 9x9\n");
        var withFollowers = Fail("input 8x8x3\na: conv 8 9x9\nb: relu\nc: relu\n");
        Assert.Equal(alone.Message, withFollowers.Message);
        Assert.IsType<CnnMem.Graphs.OpException>(withFollowers.InnerException);
    }

    [Fact]
    public void ManyErrors_ListsTheFirstTwentyThenHowManyMore()
    {
        var text = "input 8x8x3\n" + string.Concat(Enumerable.Range(1, 23).Select(i => $"b{i}: conv 8 9x9 from=input\n"));
        var e = Fail(text);
        Assert.StartsWith("shape inference failed at 23 layers:\n", e.Message);
        Assert.Contains("layer 'b20' (Conv)", e.Message);
        Assert.DoesNotContain("layer 'b21'", e.Message);
        Assert.EndsWith("\n  ... and 3 more", e.Message);
        Assert.Equal(23, Assert.IsType<AggregateException>(e.InnerException).InnerExceptions.Count);
    }

    [Fact]
    public void Cli_PrintsBothErrors_WithoutAStackTrace()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-two-errors-{Guid.NewGuid():N}.cnn");
        File.WriteAllText(path, TwoBadBranches);
        try
        {
            var r = CliRun.Of("analyze", path);
            Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
            Assert.StartsWith("cnnmem: error: shape inference failed at 2 layers:", r.Error);
            Assert.Contains("layer 'a' (Conv)", r.Error);
            Assert.Contains("layer 'b' (Conv)", r.Error);
            Assert.False(r.HasStackTrace);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
