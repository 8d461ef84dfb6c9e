using System.Text.Json;
using System.Text.RegularExpressions;
using CnnMem.Cli;

namespace CnnMem.Tests.Cli;

/// <summary>
/// People's layer tables hide the Constant rows (vit_b_16 has 345; they hold no parameters and add to no total) unless
/// --show-constants; JSON and CSV keep every layer; a table of more than 200 rows names --depth, --group and --summary;
/// the per-layer running total is set against the peak in words.
/// </summary>
public class LongTableTests
{
    private static int Rows(string table, string op) => table.Split('\n').Count(l => Regex.IsMatch(l, $@"^\| \S.*\| {op} +\|"));

    [Fact]
    public void ConstantRows_AreHiddenByDefault_ShownOnRequest_AndJsonAndCsvKeepThem()
    {
        var hidden = CliRun.Of("analyze", "vit_b_16", "--batch", "1");
        var shown = CliRun.Of("analyze", "vit_b_16", "--batch", "1", "--show-constants");
        Assert.Equal(ExitCodes.Success, hidden.ExitCode);
        Assert.Equal(0, Rows(hidden.Out, "Constant"));
        var constants = Rows(shown.Out, "Constant");
        Assert.True(constants > 300, $"{constants} Constant rows with --show-constants");
        Assert.Contains($"{constants} Constant rows hidden", Regex.Replace(hidden.Out, @"\s+", " "));
        Assert.DoesNotContain("Constant rows hidden", shown.Out);
        // the totals row is the same: hidden rows add to no column
        Assert.Equal(hidden.Out.Split('\n').Single(l => l.StartsWith("| Total", StringComparison.Ordinal)), shown.Out.Split('\n').Single(l => l.StartsWith("| Total", StringComparison.Ordinal)));

        var json = JsonDocument.Parse(CliRun.Of("analyze", "vit_b_16", "--batch", "1", "--format", "json").Out).RootElement.GetProperty("layers");
        Assert.Equal(constants, json.EnumerateArray().Count(l => l.GetProperty("op").GetString() == "Constant"));
        var csv = CliRun.Of("analyze", "vit_b_16", "--batch", "1", "--format", "csv").Out;
        Assert.Equal(constants, csv.Split("\r\n").Count(l => l.Split(',').ElementAtOrDefault(1) == "Constant"));
        var md = CliRun.Of("analyze", "vit_b_16", "--batch", "1", "--format", "markdown").Out;
        Assert.DoesNotContain("| Constant |", md);
    }

    [Fact]
    public void LongTable_NamesTheOptionsThatShortenIt_AShortOneDoesNot()
    {
        var vit = Regex.Replace(CliRun.Of("analyze", "vit_b_16", "--batch", "1").Out, @"\s+", " ");
        Assert.Matches(@"A long table \([\d,]+ rows\): --depth N folds each module deeper than N into one row, --group folds each convolution with its normalization and activation, --summary prints only the answer and the totals\.", vit);
        Assert.DoesNotContain("A long table", CliRun.Of("analyze", "vit_b_16", "--batch", "1", "--depth", "2").Out);
        Assert.DoesNotContain("A long table", CliRun.Of("analyze", "seed").Out);
        Assert.Contains("A long table", CliRun.Of("analyze", "vit_b_16", "--batch", "1", "--format", "html").Out);
    }

    [Fact]
    public void RunningTotal_IsExplainedAgainstThePeak_InTheHtmlTable()
    {
        var html = CliRun.Of("analyze", "resnet50", "--batch", "32", "--optimizer", "adam", "--format", "html").Out;
        var note = Regex.Match(html, "<p class=\"note\" id=\"running-total\">([^<]*)</p>");
        Assert.True(note.Success, "the HTML per-layer table has no running-total note");
        var json = JsonDocument.Parse(CliRun.Of("analyze", "resnet50", "--batch", "32", "--optimizer", "adam", "--format", "json").Out).RootElement;
        var peak = json.GetProperty("summary").GetProperty("training_step_bytes").GetInt64();
        var end = json.GetProperty("memory").GetProperty("training").GetProperty("layers").EnumerateArray().Last().GetProperty("running_total_bytes").GetInt64();
        Assert.True(end > peak, "the case this note is for: the running total ends above the peak");
        Assert.Contains($"it ends at {CnnMem.Rendering.ByteFormat.Bytes(end, CnnMem.Rendering.UnitSystem.Si)}", note.Groups[1].Value);
        Assert.Contains($"the training step's peak, the answer, is {CnnMem.Rendering.ByteFormat.Bytes(peak, CnnMem.Rendering.UnitSystem.Si)}", note.Groups[1].Value);
    }
}
