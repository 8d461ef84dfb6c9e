using System.Text.RegularExpressions;
using CnnMem.Cli;
using CnnMem.Tests.Onnx;

namespace CnnMem.Tests.Cli;

/// <summary>Reports that fit: resnet50 at batch 32 within 120 columns piped and 80 with COLUMNS=80, no cell split; golden files show it.</summary>
public partial class ReportLayoutTests
{
    private static readonly string ResNet50 = ImportTestModels.OracleModel("resnet50.dyn.onnx");

    private static CliRun At(int width, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, new TerminalInfo(false, width));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(120)]
    [InlineData(80)]
    public void ResNet50_FitsTheWidth_WithoutSplitCells(int width)
    {
        // a path relative to the working folder, so the heading (and its wrapping) is the same in every checkout
        var r = At(width, "analyze", Path.GetRelativePath(Environment.CurrentDirectory, ResNet50), "--batch", "32");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
        // every table row is one line: the first cell names a layer (a wrapped row would leave it empty)
        var rows = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.All(rows, l => Assert.False(string.IsNullOrWhiteSpace(l.Split('|')[1]), l));
        var wide = At(400, "analyze", ResNet50, "--batch", "32").Out.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal));
        Assert.Equal(wide, rows.Count);
        Assert.DoesNotMatch(SplitNumber(), r.Out);
        GoldenFile.Verify($"resnet50_b32_w{width}.txt", r.Out);
    }

    [Fact]
    public void TerminalWidth_ComesFromColumns_Else120ForPipes()
    {
        Assert.Equal(new TerminalInfo(false, 80), TerminalInfo.Detect("80", redirected: true));
        Assert.Equal(TerminalInfo.Plain, TerminalInfo.Detect(null, redirected: true));
        Assert.Equal(TerminalInfo.MinWidth, TerminalInfo.Detect("10", redirected: true).Width);
    }

    [Fact]
    public void Summary_PrintsTheAnswerAndTotalsOnly()
    {
        var r = At(120, "analyze", ResNet50, "--batch", "32", "--summary", "--device", "v100-16gb");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Answer: memory to plan with", r.Out);
        Assert.Contains("Largest batch on v100-16gb", r.Out);
        Assert.DoesNotContain("| Layer", r.Out);
        Assert.DoesNotContain("Textbook", r.Out);
    }

    [Theory]
    [InlineData("--group")]
    [InlineData("--depth", "1")]
    public void Folding_KeepsTheTotals_WithFewerRows(params string[] fold)
    {
        var plain = At(120, "analyze", ResNet50, "--batch", "32");
        var folded = At(120, ["analyze", ResNet50, "--batch", "32", .. fold]);
        Assert.Equal(0, folded.ExitCode);
        Assert.True(folded.Out.Split('\n').Length < plain.Out.Split('\n').Length - 50);
        static string[] Total(string output) =>
            output.Split('\n').Single(l => l.StartsWith("| Total", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(Total(plain.Out), Total(folded.Out));
        Assert.Contains("Folded rows", folded.Out);
    }

    [Fact]
    public void Json_HasTheSummary()
    {
        var r = At(120, "analyze", ResNet50, "--batch", "32", "--device", "v100-16gb", "--format", "json");
        foreach (var field in new[] { "inference_bytes", "training_step_bytes", "params", "macs", "device", "fits_inference", "fits_training", "max_inference_batch", "max_training_batch" })
        {
            Assert.Contains($"\"{field}\":", r.Out.Split("\"inputs\"")[0]);
        }
    }

    /// <summary>A digit at a line's end and a digit or separator starting the next line's cell: a number split across lines.</summary>
    [GeneratedRegex(@"\d,?\s*\|?\n\|?\s*[\d,]+\s*\|")]
    private static partial Regex SplitNumber();
}
