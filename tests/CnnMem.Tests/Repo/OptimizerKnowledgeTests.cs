using System.Text.RegularExpressions;
using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Repo;

/// <summary>
/// What an optimizer holds and makes is written once, in the optimizer table (src/CnnMem/Core/OptimizerProfiles.cs,
/// issue 20 item 2): no other source file names an <c>Optimizer</c> value in code (comments aside), so no model can
/// switch on one to compute state, step tensors or temporaries of its own. Allowed beside the table: the parser's
/// <c>sgd_momentum</c> alias (Core/Optimizers.cs) and a default value (<c>= Optimizer.Sgd;</c>).
/// </summary>
public partial class OptimizerKnowledgeTests
{
    private static readonly string[] Allowed = [Path.Combine("CnnMem", "Core", "OptimizerProfiles.cs"), Path.Combine("CnnMem", "Core", "Optimizers.cs")];

    [Fact]
    public void NoSourceOutsideTheTable_NamesAnOptimizer()
    {
        var src = Path.Combine(AccuracyDoc.RepoRoot(), "src");
        var files = SourceFiles.Under(src, atLeast: 100);
        Assert.All(Allowed, a => Assert.True(File.Exists(Path.Combine(src, a)), $"{a} is gone: update this test"));
        var problems = new List<string>();
        foreach (var file in files.Where(f => !Allowed.Contains(Path.GetRelativePath(src, f))))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = Comment().Replace(lines[i], "");
                if (Value().IsMatch(code) && !Default().IsMatch(code))
                {
                    problems.Add($"{Path.GetRelativePath(src, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        Assert.True(problems.Count == 0, "optimizer values named outside the table (read OptimizerProfiles instead):\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("var slots = o == Optimizer.Adam ? 2 : 1;", true)]
    [InlineData("Optimizer.Momentum or Optimizer.RmsProp => paramBytes,", true)]
    [InlineData("    internal Optimizer Optimizer { get; init; } = Optimizer.Sgd;", false)]
    [InlineData("var p = OptimizerProfiles.Of(options.Optimizer);", false)]
    [InlineData("/// <c>Optimizer.Adam</c> keeps two moments", false)]
    public void Rule_FlagsValues_NotDefaultsOrComments(string line, bool flagged)
    {
        var code = Comment().Replace(line, "");
        Assert.Equal(flagged, Value().IsMatch(code) && !Default().IsMatch(code));
    }

    [GeneratedRegex(@"(?<![\w.])(?:Core\.)?Optimizer\.(?:Sgd|Momentum|Adam|AdamW|RmsProp|Adagrad)\b")]
    private static partial Regex Value();

    [GeneratedRegex(@"=\s*Optimizer\.Sgd;\s*$")]
    private static partial Regex Default();

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();
}
