using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CnnMem.Cli;
using CnnMem.Tests.Cli;

namespace CnnMem.Tests.Rendering;

/// <summary>
/// The device view adds up, in every format that prints it: in each "Device view (CUDA)" section the parts shown
/// (every line before the total but the "of which" lines) sum, to the byte, to the total shown, and that total is the
/// headline's figure (JSON <c>summary</c>), for inference and training, on several networks. Read back from the
/// rendered text, so a part that is computed but not printed fails here.
/// </summary>
public partial class DevicePartsTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "seed", ["--batch", "64"] },
        { "lenet5", ["--batch", "32", "--optimizer", "adam"] },
        { "resnet18", ["--batch", "8", "--optimizer", "adam"] },
        { "resnet18", ["--batch", "16", "--optimizer", "momentum", "--amp"] },
        { "mobilenet_v2", ["--batch", "8", "--optimizer", "sgd", "--framework", "pytorch-1.13", "--backend", "cuda"] },
        { "vit_b_16", ["--batch", "2", "--optimizer", "adamw", "--device", "rtx4090"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeviceView_PartsAddUpToTheTotal_InEveryFormat(string model, string[] options)
    {
        var json = CliRun.Of(["analyze", model, "--format", "json", .. options]);
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        var summary = JsonDocument.Parse(json.Out).RootElement.GetProperty("summary");
        var expected = new[] { summary.GetProperty("inference_bytes").GetInt64(), summary.GetProperty("training_step_bytes").GetInt64() };

        foreach (var (format, pattern) in Formats)
        {
            var r = CliRun.Of(["analyze", model, "--format", format, .. options]);
            Assert.Equal(ExitCodes.Success, r.ExitCode);
            var sections = DeviceSections(r.Out, pattern.Title, pattern.Line);
            Assert.True(sections.Count == 2, $"{format}: expected the inference and training device sections, found {sections.Count}");
            for (var i = 0; i < sections.Count; i++)
            {
                var lines = sections[i];
                var total = Assert.Single(lines, l => l.Label.StartsWith("Total on the device", StringComparison.Ordinal));
                var parts = lines.TakeWhile(l => l != total).Where(l => !l.Label.StartsWith("of which", StringComparison.Ordinal)).ToList();
                Assert.True(parts.Count >= 4, $"{format}: {string.Join(", ", parts.Select(p => p.Label))}");
                Assert.Equal(total.Bytes, parts.Sum(p => p.Bytes));
                Assert.Equal(expected[i], total.Bytes);
                Assert.Contains(parts, p => p.Label.StartsWith("CUDA context", StringComparison.Ordinal) && p.Bytes > 0);
                Assert.Contains(parts, p => p.Label.StartsWith("cuBLAS workspaces", StringComparison.Ordinal) && p.Bytes > 0);
            }
        }
    }

    [Fact]
    public void Answer_SaysItIncludesTheCudaContext_AndItsSize()
    {
        var r = CliRun.Of("analyze", "seed");
        Assert.Contains("Both memory figures include the CUDA context, 182.5 MB that the driver, kernels and library handles take outside PyTorch's allocator", Regex.Replace(r.Out, @"\s+", " "));
        var none = CliRun.Of("analyze", "seed", "--cuda-context", "0");
        Assert.Contains("with no CUDA context (--cuda-context 0)", none.Out);
    }

    [Fact]
    public void Answer_OnTheCpu_SaysNothingOfACudaContext()
    {
        var r = CliRun.Of("analyze", "seed", "--backend", "cpu");
        Assert.DoesNotContain("CUDA context", r.Out[..r.Out.IndexOf("+---", StringComparison.Ordinal)]);
    }

    private static readonly (string Format, (Regex Title, Regex Line) Pattern)[] Formats =
    [
        ("table", (ConsoleTitle(), ConsoleLine())),
        ("markdown", (MarkdownTitle(), MarkdownLine())),
        ("html", (HtmlTitle(), HtmlLine())),
    ];

    /// <summary>The (label, exact bytes) lines of each device section, in order: from its title to the next title.</summary>
    private static List<List<(string Label, long Bytes)>> DeviceSections(string text, Regex title, Regex line)
    {
        var sections = new List<List<(string, long)>>();
        List<(string, long)>? current = null;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (title.IsMatch(raw))
            {
                current = [];
                sections.Add(current);
                continue;
            }
            if (current is null)
            {
                continue;
            }
            if (line.Match(raw) is { Success: true } m)
            {
                current.Add((m.Groups["label"].Value.Trim(), long.Parse(m.Groups["bytes"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
            }
            else if (raw.Length == 0 || raw.StartsWith("## ", StringComparison.Ordinal) || raw.StartsWith("<h2>", StringComparison.Ordinal) || raw.StartsWith("</table>", StringComparison.Ordinal))
            {
                current = current.Count == 0 ? current : null;
            }
        }
        return sections;
    }

    [GeneratedRegex(@"^Device view \(CUDA\)")]
    private static partial Regex ConsoleTitle();

    [GeneratedRegex(@"^ {2,}(?<label>\S.*?)\s{2,}\S.*\((?<bytes>[\d,]+) bytes\)$")]
    private static partial Regex ConsoleLine();

    [GeneratedRegex(@"^## Device view \(CUDA\)")]
    private static partial Regex MarkdownTitle();

    [GeneratedRegex(@"^\| (?<label>[^|]+) \| [^|]*\((?<bytes>[\d,]+) bytes\) \|$")]
    private static partial Regex MarkdownLine();

    [GeneratedRegex(@"^<h2>Device view \(CUDA\)")]
    private static partial Regex HtmlTitle();

    [GeneratedRegex(@"^<tr><td>(?<label>[^<]+)</td><td class=""r"">[^<]*\((?<bytes>[\d,]+) bytes\)</td></tr>$")]
    private static partial Regex HtmlLine();
}
