using System.Collections.Immutable;
using System.Text;

namespace CnnMem.Tests.Repo;

/// <summary>
/// The cnnmem command lines a Markdown file shows as examples:
/// 1. fenced blocks tagged <c>sh</c>, <c>bash</c>, <c>shell</c>: every line; <c>console</c> and untagged blocks: only
///    lines with a <c>$ </c> prompt (untagged blocks are mostly sample output); other languages (python, csharp): none;
/// 2. a block whose fence follows a line holding <see cref="SkipMarker"/> (an HTML comment, invisible when rendered,
///    e.g. <c>&lt;!-- readme-test: skip (needs a Python env with torch) --&gt;</c>) is left out;
/// 3. lines ending in <c>\</c> continue on the next; words split as a POSIX shell does (quotes, <c>#</c> comments);
/// 4. a command is <c>cnnmem ARGS</c> or <c>dotnet run --project src/CnnMem.Cli [-- ARGS]</c>; other lines
///    (dotnet test, python3, sudo install, ...) are not cnnmem's examples.
/// </summary>
internal static class ReadmeCommands
{
    public const string SkipMarker = "<!-- readme-test: skip";

    private static readonly string[] DotnetRun = ["dotnet", "run", "--project", "src/CnnMem.Cli"];

    public static ImmutableArray<ReadmeCommand> Extract(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var found = ImmutableArray.CreateBuilder<ReadmeCommand>();
        string? block = null;
        var skip = false;
        var previous = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                if (block is null)
                {
                    block = trimmed[3..].Trim().Split(' ', 2)[0].ToLowerInvariant();
                    skip = previous.Contains(SkipMarker, StringComparison.Ordinal);
                }
                else
                {
                    block = null;
                }
                previous = trimmed;
                continue;
            }
            if (trimmed.Length > 0)
            {
                previous = trimmed;
            }
            if (block is null || skip)
            {
                continue;
            }
            var start = i;
            var text = trimmed;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1] + " " + lines[++i].Trim();
            }
            if (Command(block, text) is { } command)
            {
                found.Add(new ReadmeCommand(start + 1, command, Words(command)));
            }
        }
        return found.ToImmutable();
    }

    /// <summary>The command a line of a block of kind <paramref name="block"/> shows, without its prompt; null if none.</summary>
    private static string? Command(string block, string line)
    {
        var prompted = line.StartsWith("$ ", StringComparison.Ordinal);
        var text = prompted ? line[2..].Trim() : line;
        var shown = block switch
        {
            "sh" or "bash" or "shell" => true,
            "console" or "" => prompted,
            _ => false,
        };
        if (!shown || text.Length == 0)
        {
            return null;
        }
        var words = Words(text);
        return words.Length > 0 && (words[0] == "cnnmem" || words.Take(DotnetRun.Length).SequenceEqual(DotnetRun)) ? text : null;
    }

    /// <summary>The cnnmem arguments of a command (after <c>cnnmem</c>, or after <c>dotnet run ... --</c>).</summary>
    public static string[] CliArguments(string[] words)
    {
        if (words[0] == "cnnmem")
        {
            return words[1..];
        }
        var rest = words[DotnetRun.Length..];
        return rest.Length == 0 ? [] : rest[0] == "--" ? rest[1..] : throw new InvalidOperationException($"'{string.Join(' ', words)}': dotnet run options after --project are not supported here");
    }

    /// <summary>Splits a line into words as a POSIX shell does: single and double quotes, backslash escapes, # comments.</summary>
    public static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else if (c == '\\' && q == '"' && i + 1 < line.Length)
                {
                    word.Append(line[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                inWord = true;
                if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < line.Length)
                {
                    word.Append(line[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return [.. words];
    }
}
