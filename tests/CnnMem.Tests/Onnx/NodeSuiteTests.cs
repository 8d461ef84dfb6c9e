using Xunit.Abstractions;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// Runs the ONNX backend node test suite (Debian's libonnx-testdata) through import and shape
/// inference with declared shapes stripped. Every case whose ops are all supported must pass; the
/// summary goes to the test output and to TestResults/onnx-node-suite.txt.
/// </summary>
public class NodeSuiteTests
{
    private readonly ITestOutputHelper _output;

    public NodeSuiteTests(ITestOutputHelper output) => _output = output;

    [Fact]
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
    }
}
