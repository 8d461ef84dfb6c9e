using System.Text.RegularExpressions;
using CnnMem.Ops;
using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Repo;

/// <summary>
/// Op knowledge lives in op rules as data (issue 20, item 2): no file under src/CnnMem/Memory compares an op name with a
/// string literal. The code (comments left out) of every file there is read; a string literal that is an op type some
/// rule handles (<c>"Conv"</c>, <c>Producer(x, "Sub")</c>), or any literal compared with an <c>Op</c>
/// (<c>n.Op == "Foo"</c>, <c>Op is "Foo"</c>), fails the test, naming the file and line.
/// </summary>
public partial class MemoryKnowsNoOpNamesTests
{
    [Fact]
    public void NoMemoryFile_ComparesAnOpNameWithALiteral()
    {
        var memory = Path.Combine(AccuracyDoc.RepoRoot(), "src", "CnnMem", "Memory");
        var files = SourceFiles.Under(memory, atLeast: 40);
        var problems = files.SelectMany(f => Problems(File.ReadAllText(f)).Select(p => $"{Path.GetRelativePath(memory, f)}:{p}")).ToList();
        Assert.True(problems.Count == 0, "op names in the memory model (declare them in the op's rule or in Ops/Fusion):\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("if (n.Node.Op == \"Constant\") {}", true)]
    [InlineData("var ok = \"Div\" != node.Op;", true)]
    [InlineData("if (n.Op is \"Erf\" or \"Mul\") {}", true)]
    [InlineData("if (n.Op == \"MyCustomOp\") {}", true)]
    [InlineData("int? p = Producer(n.Inputs[0], \"Sub\");", true)]
    [InlineData("foreach (var op in new[] { \"Mul\", \"Add\" }) {}", true)]
    [InlineData("return new NodeMemory(idx, n.Node.Name, n.Node.Op);", false)]
    [InlineData("if (e.Op == TraceOp.Free) {}", false)]
    [InlineData("(\"KiB\", 1L << 10), (\"B\", 1),", false)]
    [InlineData("/// <summary>LayerNorm = ReduceMean, \"Sub\", ...</summary>", false)]
    [InlineData("x = 1; // the \"Conv\" case", false)]
    public void Checker_FlagsOpNameLiterals(string code, bool flagged) => Assert.Equal(flagged, Problems(code).Any());

    private static readonly HashSet<string> OpTypes =
        OpRegistry.Default.Rules.SelectMany(r => r.OpTypes).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Problems(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var code = Comment().Replace(lines[i], "");
            foreach (Match m in Literal().Matches(code))
            {
                if (OpTypes.Contains(m.Groups[1].Value))
                {
                    yield return $"{i + 1}: \"{m.Groups[1].Value}\" is an op type";
                }
            }
            if (ComparedWithOp().IsMatch(code))
            {
                yield return $"{i + 1}: an op compared with a literal: {code.Trim()}";
            }
        }
    }

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex("\\bOp\\s*(?:==|!=)\\s*\"|\"\\s*(?:==|!=)\\s*[\\w.]*\\bOp\\b|\\bOp\\s+is\\s+(?:not\\s+)?\"")]
    private static partial Regex ComparedWithOp();
}
