using System.Diagnostics;

namespace CnnMem.Tests.Keras;

/// <summary>
/// The committed test models are what tools/keras-testdata/gen.js writes. Runs only where node and the
/// generator's npm packages are installed (<c>npm install</c> in that folder); CI uses the committed files.
/// </summary>
public sealed class KerasGeneratorTests
{
    [Fact]
    public void CommittedFiles_AreTheGeneratorsOutput_WhenNodeIsInstalled()
    {
        var root = KerasTestData.SourceDir();
        var tool = root is null ? null : Path.Combine(root, "tools", "keras-testdata");
        if (tool is null || !Directory.Exists(Path.Combine(tool, "node_modules", "@tensorflow")) || !CanRun("node"))
        {
            return; // nothing to compare against here
        }
        var output = Directory.CreateTempSubdirectory("cnnmem-keras-gen-").FullName;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", ["gen.js", output]) { WorkingDirectory = tool, RedirectStandardOutput = true, RedirectStandardError = true })!;
            p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, error);
            var committed = Path.Combine(root!, "tests", "CnnMem.Tests", "TestData", "keras");
            var generated = Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(generated, Directory.GetFiles(committed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var f in generated)
            {
                Assert.True(File.ReadAllText(Path.Combine(committed, f!)) == File.ReadAllText(Path.Combine(output, f!)), $"{f} differs from the generator's output: run 'node gen.js' in tools/keras-testdata");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static bool CanRun(string program)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(program, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            p?.WaitForExit();
            return p is { ExitCode: 0 };
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
