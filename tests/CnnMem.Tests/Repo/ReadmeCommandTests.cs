using CnnMem.Cli;
using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Repo;

/// <summary>
/// Every cnnmem command the README shows (<see cref="ReadmeCommands"/>) runs on a clone as written and exits 0: run
/// in-process through the CLI's entry point from the repository's root (paths that exist there are passed as absolute
/// paths), with what it writes (--output, --charts) sent to a temporary folder. A line that needs something a clone
/// does not have (a Python environment, an exported model) must be in a block marked with
/// <see cref="ReadmeCommands.SkipMarker"/>.
/// </summary>
public class ReadmeCommandTests
{
    private static readonly string[] OutputOptions = ["--output", "-o", "--charts"];

    private static readonly string[] ShellOperators = ["|", "||", "&&", ";", ">", ">>", "<", "&"];

    private static string Readme => Path.Combine(AccuracyDoc.RepoRoot(), "README.md");

    public static TheoryData<int, string> Commands()
    {
        var data = new TheoryData<int, string>();
        foreach (var c in ReadmeCommands.Extract(File.ReadAllText(Readme)))
        {
            data.Add(c.Line, c.Text);
        }
        return data;
    }

    [Fact]
    public void Readme_ShowsCnnMemCommands() =>
        Assert.True(ReadmeCommands.Extract(File.ReadAllText(Readme)).Length >= 15, "the README's example commands were not found: has the extraction broken?");

    [Theory]
    [MemberData(nameof(Commands))]
    public void ReadmeCommand_RunsOnAClone(int line, string command)
    {
        var root = AccuracyDoc.RepoRoot();
        var words = ReadmeCommands.Words(command);
        Assert.False(words.Any(ShellOperators.Contains), $"README.md:{line}: '{command}' uses the shell; write a plain command or mark its block {ReadmeCommands.SkipMarker} ... -->");
        var args = ReadmeCommands.CliArguments(words);
        var output = Directory.CreateTempSubdirectory("cnnmem-readme").FullName;
        for (var i = 0; i < args.Length; i++)
        {
            if (i > 0 && OutputOptions.Contains(args[i - 1]))
            {
                args[i] = Path.Combine(output, args[i]);
            }
            else if (!args[i].StartsWith('-') && !Path.IsPathRooted(args[i]) && File.Exists(Path.Combine(root, args[i])))
            {
                args[i] = Path.Combine(root, args[i]);
            }
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        Assert.True(code == ExitCodes.Success,
            $"README.md:{line}: '{command}' exited {code}:\n{stderr}\nA README example must run on a clone: use a built-in name or a file in examples/, " +
            $"or mark its block {ReadmeCommands.SkipMarker} (why) -->");
    }

    [Fact]
    public void Extract_TakesShellBlocksAndPrompts_LeavesOtherLanguagesAndMarkedBlocks()
    {
        const string md = """
            ```sh
            dotnet run --project src/CnnMem.Cli     # the seed
            dotnet test
            cnnmem analyze seed \
              --batch 8
            ```
            ```
            $ cnnmem fit seed --memory 1gb
            cnnmem analyze PATH [options]
            ```
            ```console
            $ cnnmem zoo --format json
            cnnmem output line
            ```
            ```python
            cnnmem = "not a command"
            ```
            <!-- readme-test: skip (needs a Python env) -->
            ```sh
            cnnmem analyze model.onnx
            ```
            """;
        var found = ReadmeCommands.Extract(md);
        Assert.Equal(["dotnet run --project src/CnnMem.Cli     # the seed", "cnnmem analyze seed  --batch 8", "cnnmem fit seed --memory 1gb", "cnnmem zoo --format json"],
            found.Select(c => c.Text));
        Assert.Equal([2, 4, 8, 12], found.Select(c => c.Line));
        Assert.Equal([], ReadmeCommands.CliArguments(found[0].Words));
        Assert.Equal(["analyze", "seed", "--batch", "8"], ReadmeCommands.CliArguments(found[1].Words));
    }

    [Theory]
    [InlineData("cnnmem a 'b c' \"d e\" f\\ g # comment", new[] { "cnnmem", "a", "b c", "d e", "f g" })]
    [InlineData("cnnmem a#b", new[] { "cnnmem", "a#b" })]
    public void Words_SplitAsAShellDoes(string line, string[] words) => Assert.Equal(words, ReadmeCommands.Words(line));
}
