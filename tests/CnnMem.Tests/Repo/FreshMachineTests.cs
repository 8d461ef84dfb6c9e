using System.Text.RegularExpressions;
using CnnMem.Tests.Memory;
using CnnMem.Tests.Onnx;

namespace CnnMem.Tests.Repo;

/// <summary>
/// The README's <c>dotnet test</c> must pass on a machine with only the .NET SDK: a test reads files inside the
/// repository, and the one thing it may take from the system (the whole ONNX node suite) is skipped with a message
/// there and required under CI.
/// </summary>
public partial class FreshMachineTests
{
    /// <summary>
    /// Files allowed to name a system path: the node suite's location, read only by <see cref="NodeSuiteFactAttribute"/>
    /// tests; chromium, without which the HTML test checks the page as text (and fails under CI).
    /// </summary>
    private static readonly string[] Allowed = ["Onnx/NodeSuiteRunner.cs", "Cli/HtmlReportTests.cs"];

    [GeneratedRegex(@"""/(usr|opt|var|etc)/[^""]*""")]
    private static partial Regex SystemPath();

    [Fact]
    public void TestSources_ReadNoSystemFiles_OutsideTheNodeSuite()
    {
        var root = Path.Combine(AccuracyDoc.RepoRoot(), "tests", "CnnMem.Tests");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Rel: Path.GetRelativePath(root, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .Where(f => !f.Rel.StartsWith("bin/", StringComparison.Ordinal) && !f.Rel.StartsWith("obj/", StringComparison.Ordinal))
            .Where(f => !Allowed.Contains(f.Rel) && f.Rel != "Repo/FreshMachineTests.cs")
            .SelectMany(f => SystemPath().Matches(f.Text).Select(m => $"{f.Rel}: {m.Value}"))
            .ToList();
        Assert.True(offenders.Count == 0,
            "tests must read their data from the repository (copy it into TestData), not from system folders:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void NodeSuite_MissingOutsideCi_IsSkippedWithAMessage()
    {
        var reason = NodeSuiteFactAttribute.SkipReason(suiteInstalled: false, inCi: false);
        Assert.NotNull(reason);
        Assert.Contains("skipped", reason);
        Assert.Contains("libonnx-testdata", reason);
        Assert.Contains("CI=true", reason);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void NodeSuite_InstalledOrInCi_Runs(bool installed, bool inCi) =>
        Assert.Null(NodeSuiteFactAttribute.SkipReason(installed, inCi));
}
