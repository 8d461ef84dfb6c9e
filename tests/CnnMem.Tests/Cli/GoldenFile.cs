using System.Runtime.CompilerServices;

namespace CnnMem.Tests.Cli;

/// <summary>
/// Compares text with a file under tests/CnnMem.Tests/Golden/, exactly. With CNNMEM_UPDATE_GOLDEN=1 the
/// file is (re)written instead, so a deliberate output change is one command; review the diff.
/// </summary>
internal static class GoldenFile
{
    public static void Verify(string name, string actual, [CallerFilePath] string caller = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(caller)!, "..", "Golden");
        var path = Path.GetFullPath(Path.Combine(folder, name));
        if (Environment.GetEnvironmentVariable("CNNMEM_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with CNNMEM_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            File.WriteAllText(path + ".received.txt", actual);
        }
        Assert.Equal(expected, actual);
    }
}
