namespace CnnMem.Tests.Memory;

/// <summary>
/// docs/accuracy.md in two generated parts: the CPU section (<see cref="OracleAccuracyTests.Table"/>) up to
/// <see cref="GpuAccuracySection.Marker"/>, and the GPU section (<see cref="GpuAccuracySection.Text"/>) from it to the end.
/// Each writer replaces only its own part, so either can be regenerated alone.
/// </summary>
public static class AccuracyDoc
{
    public const string Collection = "docs/accuracy.md";

    public static string Path => System.IO.Path.Combine(RepoRoot(), "docs", "accuracy.md");

    /// <summary>The GPU section of a document (from the marker to the end), or "" when it has none.</summary>
    public static string GpuPart(string document)
    {
        var at = document.IndexOf(GpuAccuracySection.Marker, StringComparison.Ordinal);
        return at < 0 ? "" : document[at..];
    }

    /// <summary>The CPU section of a document (everything before the marker), with one blank line before the GPU part.</summary>
    public static string CpuPart(string document)
    {
        var at = document.IndexOf(GpuAccuracySection.Marker, StringComparison.Ordinal);
        return (at < 0 ? document : document[..at]).TrimEnd('\n') + "\n";
    }

    public static string Compose(string cpu, string gpu) => gpu.Length == 0 ? cpu : CpuPart(cpu) + "\n" + gpu;

    /// <summary>Resolves CNNMEM_WRITE_ACCURACY's value (relative to the repository root) and returns the current text there.</summary>
    public static (string File, string Text) Target(string path)
    {
        var file = System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(RepoRoot(), path);
        return (file, File.Exists(file) ? File.ReadAllText(file) : "");
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "CnnMem.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (CnnMem.slnx) was not found above the test binaries");
    }
}
