using System.Text.RegularExpressions;
using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Repo;

/// <summary>
/// The library's namespaces are the pipeline's stages, and a stage only uses the stages below it (issue 20, item 1):
/// core, graphs, op rules, importers and the zoo's builders, shape inference, the report records, costs, the memory
/// models, the options, the pipeline (analyzer, fit and batch searches), renderers, the facade. Every <c>using
/// CnnMem.X</c> line and every <c>CnnMem.X.</c> reference in code (not comments) of src/CnnMem is read; one that
/// runs back up the pipeline fails the test, naming the file. A file's stage is its folder; its namespace is that
/// stage's, or <c>CnnMem</c> for the public types a user needs, which every namespace sees without a <c>using</c>:
/// those are checked by name (a lower stage that names one fails).
/// </summary>
public partial class PipelineLayeringTests
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        ["Core"] = 0, ["Graphs"] = 1, ["Ops"] = 2, ["Import"] = 3, ["Zoo"] = 3, ["Inference"] = 4, ["Reports"] = 5,
        ["Costs"] = 6, ["Memory"] = 7, ["Analysis"] = 8, ["Pipeline"] = 9, ["Rendering"] = 10, [""] = 11,
    };

    [Fact]
    public void NoNamespace_UsesOneAboveIt()
    {
        var src = Path.Combine(AccuracyDoc.RepoRoot(), "src", "CnnMem");
        var files = SourceFiles.Under(src, atLeast: 100);
        var surface = PublicSurface(src, files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var own = FolderStage(src, file);
            var ns = NamespaceLine().Match(text);
            Assert.True(ns.Success, $"{file}: no file-scoped namespace");
            Assert.True(Rank.ContainsKey(own), $"{file}: folder {own} is not a known stage; add it to the table");
            Assert.True(ns.Groups[1].Value == "CnnMem" || Stage(ns.Groups[1].Value) == own,
                $"{file}: namespace {ns.Groups[1].Value} is neither its folder's stage ({own}) nor the public CnnMem");
            var code = Comment().Replace(text, "");
            var used = UsingLine().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(Qualified().Matches(code).Select(m => m.Groups[1].Value))
                .Where(Rank.ContainsKey)
                .Distinct(StringComparer.Ordinal);
            problems.AddRange(used.Where(u => Rank[u] > Rank[own])
                .Select(u => $"{Path.GetRelativePath(src, file)}: {(own == "" ? "CnnMem" : own)} uses {u}, a later stage"));
            // the public types in namespace CnnMem are seen everywhere without a using: their folder is their stage
            var words = Word().Matches(code).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(surface.Where(s => Rank[s.Value] > Rank[own] && words.Contains(s.Key))
                .Select(s => $"{Path.GetRelativePath(src, file)}: {(own == "" ? "CnnMem" : own)} uses {s.Key} ({s.Value}), a later stage"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A file's stage is its folder under src/CnnMem (the root: the facade).</summary>
    private static string FolderStage(string src, string file) =>
        Path.GetRelativePath(src, file).Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : "";

    /// <summary>The types declared in namespace CnnMem outside the root folder, with the stage of their folder.</summary>
    private static Dictionary<string, string> PublicSurface(string src, List<string> files) =>
        files.Where(f => FolderStage(src, f) != "")
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .Where(x => NamespaceLine().Match(x.Text).Groups[1].Value == "CnnMem")
            .SelectMany(x => TypeDeclaration().Matches(x.Text).Select(m => (Name: m.Groups[1].Value, Stage: FolderStage(src, x.File))))
            .ToDictionary(x => x.Name, x => x.Stage, StringComparer.Ordinal);

    [Theory]
    [InlineData("CnnMem", "")]
    [InlineData("CnnMem.Memory.Cuda", "Memory")]
    [InlineData("CnnMem.Import.Keras", "Import")]
    public void Stage_IsTheSecondNameOfTheNamespace(string ns, string stage) => Assert.Equal(stage, Stage(ns));

    private static string Stage(string ns) => ns.Split('.') is { Length: > 1 } parts ? parts[1] : "";

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (?:static )?CnnMem\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])CnnMem\.(\w+)\.")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"^public (?:sealed |static |readonly |partial )*(?:record struct|record|class|enum|struct|interface) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();
}
