using System.Text.Json;
using CnnMem.Cli;

namespace CnnMem.Tests.Cli;

public class CliAppTests
{
    [Fact]
    public void Help_ListsCommandsAndExitsZero()
    {
        var r = CliRun.Of("--help");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Contains("analyze", r.Out);
        Assert.Contains("ops", r.Out);
        Assert.Contains("cnnmem", r.Out);
    }

    [Fact]
    public void AnalyzeHelp_StatesBatchDefaults()
    {
        var r = CliRun.Of("analyze", "--help");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Contains("64 for built-in networks; for files, the batch the file declares", r.Out);
        foreach (var option in new[] { "--batch", "--dtype", "--optimizer", "--format", "--output", "--units", "--dim", "--allow-unknown" })
        {
            Assert.Contains(option, r.Out);
        }
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("fit")]
    public void Help_NamesEveryInputFormat_KerasToo(string command)
    {
        var r = CliRun.Of(command, "--help");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        foreach (var format in new[] { ".cnn", ".onnx", "Keras", ".json", ".keras", "built-in" })
        {
            Assert.Contains(format, r.Out);
        }
    }

    [Fact]
    public void Version_PrintsAssemblyVersion()
    {
        var r = CliRun.Of("--version");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        var expected = typeof(CliApp).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith("cnnmem " + expected, r.Out.Trim());
    }

    [Fact]
    public void Analyze_SpecFile_DefaultsToBatch1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-{Guid.NewGuid():N}.cnn");
        try
        {
            Assert.True(CnnMem.Import.Spec.BuiltInModels.TryGetText("seed", out var text, out _));
            File.WriteAllText(path, text);
            var file = JsonDocument.Parse(CliRun.Of("analyze", path, "--format", "json").Out).RootElement;
            var builtIn = JsonDocument.Parse(CliRun.Of("analyze", "seed", "--batch", "1", "--format", "json").Out).RootElement;
            Assert.Equal(AnalyzeSettings.FileBatch, file.GetProperty("batch").GetInt64());
            Assert.Equal(builtIn.GetProperty("totals").GetRawText(), file.GetProperty("totals").GetRawText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Analyze_BuiltIn_DefaultsToBatch64()
    {
        var r = CliRun.Tiny("analyze", "tiny", "--format", "json");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Equal(AnalyzeSettings.BuiltInBatch, JsonDocument.Parse(r.Out).RootElement.GetProperty("batch").GetInt64());
    }

    [Theory]
    [InlineData("table", "Output shape")]
    [InlineData("json", "\"memory\": {")]
    [InlineData("csv", "layer,op,output_shape")]
    [InlineData("markdown", "| Layer | Op |")]
    public void Analyze_EachFormat_Succeeds(string format, string marker)
    {
        var r = CliRun.Tiny("analyze", "tiny", "--batch", "2", "--format", format);
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Contains(marker, r.Out);
        // CSV holds only the table, so its profile and warnings go to stderr; other formats carry them
        Assert.All(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(format == "csv" ? "^cnnmem: (warning|profile): " : "^(none)", line));
    }

    [Theory]
    [InlineData(new string[0], "cnnmem: profile: PyTorch 2.x, cuda, zero_grad set-to-none, foreach optimizer")]
    [InlineData(new[] { "--framework", "pytorch-1.13", "--backend", "cpu" }, "cnnmem: profile: PyTorch 1.13, cpu, oneDNN, 1 thread, zero_grad zero")]
    public void Analyze_Csv_NamesItsProfileOnStderr_AsTheTableNamesItInItsTitles(string[] options, string expected)
    {
        var csv = CliRun.Of(["analyze", "seed", "--format", "csv", .. options]);
        var table = CliRun.Of(["analyze", "seed", .. options]);
        Assert.Equal(ExitCodes.Success, csv.ExitCode);
        Assert.StartsWith("layer,op,", csv.Out, StringComparison.Ordinal);
        Assert.Contains(expected + "\n", csv.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(expected["cnnmem: profile: ".Length..], table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Table_HasNoAnsiCodesWhenPiped()
    {
        var r = CliRun.Tiny("analyze", "tiny");
        Assert.DoesNotContain("\u001b[", r.Out);
        Assert.All(r.Out.Split('\n'), line => Assert.True(line.Length <= TerminalInfo.FixedWidth, $"line longer than {TerminalInfo.FixedWidth}: {line}"));
    }

    [Theory]
    [InlineData("si", "kB", "10^3 bytes")]
    [InlineData("iec", "KiB", "2^10 bytes")]
    public void Analyze_Units_ChangesByteUnits(string units, string unit, string footnote)
    {
        var r = CliRun.Tiny("analyze", "tiny", "--batch", "2", "--units", units);
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Contains(" " + unit, r.Out);
        Assert.Contains(footnote, r.Out);
    }

    [Fact]
    public void Analyze_OutputFile_WritesPlainTable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-{Guid.NewGuid():N}.txt");
        try
        {
            var r = CliRun.Tiny("analyze", "tiny", "--output", path);
            Assert.Equal(ExitCodes.Success, r.ExitCode);
            Assert.Equal("", r.Out);
            var text = File.ReadAllText(path);
            Assert.Contains("Output shape", text);
            Assert.DoesNotContain("\u001b[", text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ops_Table_ListsConv()
    {
        var r = CliRun.Of("ops");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Contains("Conv", r.Out);
        Assert.Contains("conv2d", r.Out);
        // each keyword's arguments, as the README promises: conv's positional FILTERS and KERNEL and its options
        Assert.Contains("conv|conv2d FILTERS", r.Out);
        Assert.Contains("[groups=N]", r.Out);
    }

    [Fact]
    public void Ops_Json_ListsEveryRule()
    {
        var r = CliRun.Of("ops", "--format", "json");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        var ops = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(CnnMem.Ops.OpRegistry.Default.Rules.Length, ops.GetArrayLength());
        var conv = ops.EnumerateArray().Single(o => o.GetProperty("op_types").EnumerateArray().Any(t => t.GetString() == "Conv"));
        Assert.Equal("ai.onnx", conv.GetProperty("domain").GetString());
        Assert.True(conv.TryGetProperty("opset_min", out _));
        Assert.Contains("conv", conv.GetProperty("spec_keywords").EnumerateArray().Select(k => k.GetString()));
        var spec = conv.GetProperty("spec")[0];
        Assert.StartsWith("conv|conv2d FILTERS KERNEL [stride=", spec.GetProperty("usage").GetString());
        var filters = spec.GetProperty("arguments")[0];
        Assert.Equal("filters", filters.GetProperty("name").GetString());
        Assert.True(filters.GetProperty("required").GetBoolean());
        Assert.Equal("number of filters (output channels)", filters.GetProperty("help").GetString());
    }
}
