namespace CnnMem.Tests.Repo;

/// <summary>The C# sources the repository tests read: every .cs file below a folder, build outputs (obj, bin) left out.</summary>
internal static class SourceFiles
{
    /// <summary>The sources below <paramref name="folder"/>; fails when there are fewer than <paramref name="atLeast"/> (the folder moved).</summary>
    public static List<string> Under(string folder, int atLeast)
    {
        var sep = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count >= atLeast, $"only {files.Count} source files under {folder}");
        return files;
    }
}
