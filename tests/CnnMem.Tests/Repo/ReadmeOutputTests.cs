using System.Text;
using System.Text.RegularExpressions;
using CnnMem.Cli;
using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Repo;

/// <summary>
/// The sample outputs the README quotes are generated, not typed: a fenced block right after a line
/// <c>&lt;!-- readme-output: COMMAND --&gt;</c> must be exactly what COMMAND prints now (in-process, as to a pipe: plain
/// text, 120 columns). A stale figure fails here; <c>CNNMEM_UPDATE_GOLDEN=1</c> rewrites the blocks from the CLI instead.
/// </summary>
public partial class ReadmeOutputTests
{
    private static string Readme => Path.Combine(AccuracyDoc.RepoRoot(), "README.md");

    [Fact]
    public void ReadmeSampleOutputs_AreWhatTheCliPrintsNow()
    {
        var text = File.ReadAllText(Readme).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = Blocks(text);
        Assert.True(blocks.Count >= 2, "the README's generated sample outputs (the seed, fit) were not found: are their readme-output markers gone?");
        var stale = new List<string>();
        var updated = new StringBuilder();
        var at = 0;
        foreach (var b in blocks)
        {
            var now = Output(b.Command);
            if (now != b.Body)
            {
                stale.Add($"README.md:{text[..b.Start].Count(c => c == '\n') + 1}: '{b.Command}' prints other figures now");
            }
            updated.Append(text, at, b.Start - at).Append(now);
            at = b.Start + b.Body.Length;
        }
        updated.Append(text, at, text.Length - at);
        if (stale.Count > 0 && Environment.GetEnvironmentVariable("CNNMEM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Readme, updated.ToString());
            return;
        }
        Assert.True(stale.Count == 0, string.Join("\n", stale) + "\nregenerate the blocks with CNNMEM_UPDATE_GOLDEN=1 dotnet test tests/CnnMem.Tests --filter ReadmeOutputTests, and review the diff");
    }

    [Fact]
    public void Blocks_AreTheFencedBlocksAfterAMarker()
    {
        const string md = "intro\n<!-- readme-output: cnnmem analyze seed -->\n```\nold\nlines\n```\n```\nnot marked\n```\n";
        var b = Assert.Single(Blocks(md));
        Assert.Equal("cnnmem analyze seed", b.Command);
        Assert.Equal("old\nlines\n", b.Body);
        Assert.Equal(md.IndexOf("old", StringComparison.Ordinal), b.Start);
    }

    /// <summary>What the command prints on stdout, as to a pipe.</summary>
    private static string Output(string command)
    {
        var args = ReadmeCommands.CliArguments(ReadmeCommands.Words(command));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, TerminalInfo.Plain, null);
        Assert.True(code == ExitCodes.Success, $"'{command}' exited {code}: {stderr}");
        return stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Each marked block: its command, the offset of its first line and its text (whole lines, up to the closing fence).</summary>
    internal static List<(string Command, int Start, string Body)> Blocks(string markdown)
    {
        var found = new List<(string, int, string)>();
        foreach (Match m in Marker().Matches(markdown))
        {
            var start = m.Index + m.Length;
            var end = markdown.IndexOf("\n```", start - 1, StringComparison.Ordinal);
            Assert.True(end >= start - 1, $"the readme-output block for '{m.Groups[1].Value}' is not closed");
            found.Add((m.Groups[1].Value.Trim(), start, markdown[start..(end + 1)]));
        }
        return found;
    }

    [GeneratedRegex(@"<!-- readme-output: (.+?) -->\n```[a-z]*\n")]
    private static partial Regex Marker();
}
