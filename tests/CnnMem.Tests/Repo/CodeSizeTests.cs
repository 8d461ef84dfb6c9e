using System.Text.RegularExpressions;
using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Repo;

/// <summary>
/// Files short enough to read at once and methods short enough to hold in mind (../shared/STYLE.md: files under
/// ~300 lines, methods under ~60): every C# file under src/ is read; a member whose body (from its signature to its
/// closing brace) is longer than <see cref="MaxMethodLines"/>, or a file longer than <see cref="MaxFileLines"/>, fails
/// the test, naming it. Braces inside string and char literals and comments do not count.
/// </summary>
public partial class CodeSizeTests
{
    private const int MaxMethodLines = 60;
    private const int MaxFileLines = 300;

    [Fact]
    public void NoFileOrMethod_IsTooLong()
    {
        var src = Path.Combine(AccuracyDoc.RepoRoot(), "src");
        var files = SourceFiles.Under(src, atLeast: 100);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file).Select(l => LineComment().Replace(Literal().Replace(l, "x"), "")).ToArray();
            var name = Path.GetRelativePath(src, file);
            if (lines.Length > MaxFileLines)
            {
                problems.Add($"{name}: {lines.Length} lines (at most {MaxFileLines})");
            }
            foreach (var (method, line, length) in Members(lines))
            {
                if (length > MaxMethodLines)
                {
                    problems.Add($"{name}:{line} {method}: {length} lines (at most {MaxMethodLines})");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Members_AreMeasuredFromSignatureToClosingBrace()
    {
        string[] code =
        [
            "    public static int Short(int x)",
            "    {",
            "        var s = \"}}}\";",
            "        return x;",
            "    }",
            "    public int Arrow(int x) => x;",
        ];
        Assert.Equal([("Short", 1, 5)], Members(code.Select(l => Literal().Replace(l, "x")).ToArray()));
    }

    /// <summary>Each member declared at class level (four spaces in) with a block body: its name, first line and length.</summary>
    private static IEnumerable<(string Name, int Line, int Length)> Members(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Signature().Match(lines[i]);
            if (!m.Success || lines[i].TrimEnd().EndsWith(';') || lines[i].Contains("=>", StringComparison.Ordinal))
            {
                continue;
            }
            int depth = 0, j = i;
            var opened = false;
            for (; j < lines.Length; j++)
            {
                depth += lines[j].Count(c => c == '{') - lines[j].Count(c => c == '}');
                opened |= lines[j].Contains('{', StringComparison.Ordinal);
                if ((opened && depth <= 0) || (!opened && lines[j].TrimEnd().EndsWith(';')))
                {
                    break;
                }
            }
            if (opened)
            {
                yield return (m.Groups[1].Value, i + 1, j - i + 1);
                i = j;
            }
        }
    }

    [GeneratedRegex(@"^ {4}(?:(?:public|internal|private|protected|static|override|sealed|async|readonly|partial|virtual|unsafe|new)\s+)+[\w<>\[\],.?() ]+?\b(\w+)\s*(?:<[^>]*>)?\s*\(")]
    private static partial Regex Signature();

    [GeneratedRegex(@"'(?:\\.|[^'\\])'|""(?:\\.|[^""\\])*""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"//.*$")]
    private static partial Regex LineComment();
}
