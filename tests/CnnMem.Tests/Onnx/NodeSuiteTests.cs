using Xunit.Abstractions;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// Runs the ONNX backend node test suite (Debian's libonnx-testdata) through import and shape
/// inference with declared output shapes stripped and no flags (as 'cnnmem analyze model.onnx' runs it).
/// Every case whose ops are all supported must pass, at least <see cref="MinimumPassed"/> cases must pass,
/// and the cases set aside (unsupported ops, not importable) may not grow; the summary goes to the test
/// output and to TestResults/onnx-node-suite.txt.
/// </summary>
public class NodeSuiteTests
{
    /// <summary>Passing cases on Debian 12's libonnx-testdata (932 cases) when this was written; raise it as rules are added.</summary>
    public const int MinimumPassed = 884;

    /// <summary>Cases blocked by an op without a rule; a rule removed or renamed makes this grow.</summary>
    public const int MaximumUnsupported = 37;

    /// <summary>Cases the importer rejects (sequence/optional/sparse types, float8); an importer regression makes this grow.</summary>
    public const int MaximumNotImportable = 11;

    private readonly ITestOutputHelper _output;

    public NodeSuiteTests(ITestOutputHelper output) => _output = output;

    [NodeSuiteFact]
    public void NodeSuite_SupportedCases_InferOutputShapes()
    {
        Assert.True(Directory.Exists(NodeSuiteRunner.SuiteDir),
            $"the ONNX node test suite is missing at {NodeSuiteRunner.SuiteDir}; install it with 'apt-get install -y libonnx-testdata'");
        var dirs = Directory.GetDirectories(NodeSuiteRunner.SuiteDir)
            .Where(d => File.Exists(Path.Combine(d, "model.onnx")))
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();
        Assert.True(dirs.Count > 0, $"no */model.onnx under {NodeSuiteRunner.SuiteDir}; reinstall libonnx-testdata");

        var cases = dirs.AsParallel().AsOrdered().Select(NodeSuiteRunner.Run).ToList();
        var summary = NodeSuiteSummary.Format(cases);
        _output.WriteLine(summary);
        Directory.CreateDirectory("TestResults");
        File.WriteAllText(Path.Combine("TestResults", "onnx-node-suite.txt"), summary);

        var failed = cases.Where(c => c.Outcome == NodeSuiteOutcome.Fail).Select(c => $"{c.Name}: {c.Reason}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} supported node test case(s) fail:\n" + string.Join("\n", failed));
        var passed = cases.Count(c => c.Outcome == NodeSuiteOutcome.Pass);
        Assert.True(passed >= MinimumPassed, $"only {passed} node test cases pass, expected at least {MinimumPassed}:\n{summary}");
        var unsupported = cases.Where(c => c.Outcome == NodeSuiteOutcome.Unsupported).Select(c => $"{c.Name}: missing {string.Join(", ", c.MissingOps)}").ToList();
        Assert.True(unsupported.Count <= MaximumUnsupported,
            $"{unsupported.Count} node test cases have an op without a rule, at most {MaximumUnsupported} expected:\n" + string.Join("\n", unsupported));
        var notImportable = cases.Where(c => c.Outcome == NodeSuiteOutcome.NotImportable).Select(c => $"{c.Name}: {c.Reason}").ToList();
        Assert.True(notImportable.Count <= MaximumNotImportable,
            $"{notImportable.Count} node test cases are not importable, at most {MaximumNotImportable} expected:\n" + string.Join("\n", notImportable));
    }
}
