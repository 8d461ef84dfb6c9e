using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace CnnMem.Tests.Api;

/// <summary>
/// The libraries' public surface is the documented API (docs/API.md) and nothing else: the exported types and
/// members of CnnMem and CnnMem.Onnx equal eng/public-api.txt, and no source file outside eng/api-files.txt declares a
/// public top-level type (eng/make-internal.sh applied). A deliberate API change: rerun the script, then the tests with
/// CNNMEM_UPDATE_GOLDEN=1 to rewrite eng/public-api.txt, and review its diff.
/// </summary>
public class PublicApiTests
{
    private static readonly Assembly[] Libraries = [typeof(Model).Assembly, typeof(OnnxModel).Assembly];

    [Fact]
    public void PublicSurface_IsTheListedApi()
    {
        var actual = PublicApiListing.Describe(Libraries);
        var path = Path.Combine(RepoRoot(), "eng", "public-api.txt");
        if (Environment.GetEnvironmentVariable("CNNMEM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with CNNMEM_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), actual);
    }

    [Fact]
    public void PublicSurface_IsSmall_AndHasTheThreeJobs()
    {
        var exported = Libraries.SelectMany(a => a.GetExportedTypes()).Select(t => t.FullName).ToHashSet();
        // load, analyse, read or render
        Assert.Contains("CnnMem.Model", exported);
        Assert.Contains("CnnMem.OnnxModel", exported);
        Assert.Contains("CnnMem.AnalysisOptions", exported);
        Assert.Contains("CnnMem.Reports.AnalysisReport", exported);
        Assert.Contains("CnnMem.Rendering.JsonReportWriter", exported);
        // the machinery stays inside
        Assert.DoesNotContain("CnnMem.Graphs.ModelGraph", exported);
        Assert.DoesNotContain("CnnMem.Ops.OpRegistry", exported);
        Assert.DoesNotContain("CnnMem.Onnx.OnnxImporter", exported);
        Assert.InRange(exported.Count, 10, 60);
    }

    [Fact]
    public void PublicTypes_LiveInThreeNamespaces()
    {
        string[] allowed = ["CnnMem", "CnnMem.Reports", "CnnMem.Rendering"];
        var others = Libraries.SelectMany(a => a.GetExportedTypes())
            .Where(t => !allowed.Contains(t.Namespace))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(others.Count == 0, $"public types outside {string.Join(", ", allowed)}: {string.Join(", ", others)}");
    }

    [Fact]
    public void OnlyTheApiFiles_DeclarePublicTypes()
    {
        var root = RepoRoot();
        var listed = File.ReadAllLines(Path.Combine(root, "eng", "api-files.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(Glob)
            .ToList();
        var offenders = new[] { "src/CnnMem", "src/CnnMem.Onnx", "src/CnnMem.Cli" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => !listed.Any(g => g.IsMatch(f)))
            .Where(f => File.ReadLines(Path.Combine(root, f)).Any(l => l.StartsWith("public ", StringComparison.Ordinal)))
            .ToList();
        Assert.True(offenders.Count == 0, $"public top-level types outside eng/api-files.txt (run eng/make-internal.sh): {string.Join(", ", offenders)}");
    }

    [Fact]
    public void ApiFiles_AllExist()
    {
        var root = RepoRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        foreach (var line in File.ReadAllLines(Path.Combine(root, "eng", "api-files.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            Assert.True(files.Any(Glob(line).IsMatch), $"eng/api-files.txt lists {line}, which matches no file");
        }
    }

    /// <summary>A bash glob of eng/api-files.txt (<c>*</c> within a folder, <c>**</c> across folders) as a regex.</summary>
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern.Trim()).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");

    private static string RepoRoot([CallerFilePath] string caller = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", ".."));
}
