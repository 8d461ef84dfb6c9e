namespace CnnMem.Tests.Onnx;

/// <summary>
/// A test that needs the whole ONNX backend node test suite (Debian's libonnx-testdata, 932 cases, installed by
/// .ci/run). Without it the test is skipped with a message saying so on a developer's machine; under CI
/// (<c>CI=true</c>) it runs and fails loudly, because CI must install the suite.
/// </summary>
public sealed class NodeSuiteFactAttribute : FactAttribute
{
    public NodeSuiteFactAttribute()
    {
        if (SkipReason(Directory.Exists(NodeSuiteRunner.SuiteDir), InCi) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Whether <c>CI=true</c> is set (as .ci/run sets it).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the test must run (the suite is there, or CI requires it), else why it is skipped.</summary>
    public static string? SkipReason(bool suiteInstalled, bool inCi) =>
        suiteInstalled || inCi
            ? null
            : $"skipped: the ONNX node test suite is not installed at {NodeSuiteRunner.SuiteDir} " +
              "(apt-get install libonnx-testdata runs it); CI=true makes this a failure";
}
