using CnnMem.Rendering;
using CnnMem.Tests.Cli;
using CnnMem.Memory.Profiles;

namespace CnnMem.Tests.Memory;

/// <summary>GPUs named as people name them, and budgets that are what each card exposes to CUDA, with their source.</summary>
public class DeviceNamesTests
{
    [Theory]
    [InlineData("h100", "h100-80gb")]
    [InlineData("H100 80GB HBM3", "h100-80gb")]
    [InlineData("4090", "rtx4090")]
    [InlineData("rtx 4090", "rtx4090")]
    [InlineData("RTX4090", "rtx4090")]
    [InlineData("NVIDIA GeForce RTX 4090", "rtx4090")]
    [InlineData("Tesla V100-SXM2-16GB", "v100-16gb")]
    [InlineData("a100-40g", "a100-40gb")]
    [InlineData("A100 80GB PCIe", "a100-80gb")]
    [InlineData("a10", "a10")]
    [InlineData("rtx a6000", "a6000")]
    [InlineData("Tesla T4", "t4")]
    [InlineData("h200", "h200")]
    public void CommonName_ResolvesToTheTablesName(string given, string name) => Assert.Equal(name, DeviceTable.Resolve(given));

    [Theory]
    [InlineData("a100", "a100-40gb or a100-80gb?")]
    [InlineData("v100", "v100-16gb or v100-32gb?")]
    public void AmbiguousName_ListsTheChoices(string given, string choices)
    {
        var e = Assert.Throws<CnnMemException>(() => DeviceTable.Resolve(given));
        Assert.Contains($"'{given}' is ambiguous", e.Message);
        Assert.Contains(choices, e.Message);
    }

    [Theory]
    [InlineData("gtx9999")]
    [InlineData("")]
    public void UnknownName_ListsTheNames(string given) =>
        Assert.Contains("a100-80gb", Assert.Throws<CnnMemException>(() => DeviceTable.Resolve(given)).Message);

    [Fact]
    public void EveryBudget_HasASource_AndAReportedOneIsBelowTheSizeSold()
    {
        foreach (var (name, bytes) in DeviceTable.Devices)
        {
            var card = DeviceTable.Describe(name);
            Assert.False(string.IsNullOrWhiteSpace(card.Source), name);
            Assert.Equal(bytes, card.Bytes);
            if (!card.Source.StartsWith("nominal", StringComparison.Ordinal) && card.Nominal.EndsWith(" GiB", StringComparison.Ordinal))
            {
                var sold = long.Parse(card.Nominal[..^4], System.Globalization.CultureInfo.InvariantCulture) << 30;
                Assert.True(bytes < sold && bytes > sold * 9 / 10, $"{name}: {bytes:N0} bytes against {card.Nominal} sold");
            }
        }
    }

    [Fact]
    public void Rtx4090_IsTheMemoryCudaReports_NotTheNominal24GiB()
    {
        Assert.True(DeviceTable.Bytes("rtx4090") < 24L << 30);
        Assert.Equal("23.64 GiB", ByteFormat.Bytes(DeviceTable.Bytes("rtx4090"), UnitSystem.Iec));
    }

    [Fact]
    public void Fit_WithADevice_SaysTheBudgetInGiB_AndWhatCardItIs()
    {
        var r = CliRun.Of("fit", "seed", "--device", "rtx 4090", "--optimizer", "sgd");
        Assert.True(r.ExitCode == 0, r.Error);
        var first = r.Out.Split('\n')[0];
        Assert.Contains("budget 23.64 GiB", first);
        Assert.Contains("rtx4090, sold as 24 GiB", first);
        Assert.DoesNotContain(" GB", r.Out);
        var si = CliRun.Of("fit", "seed", "--device", "4090", "--optimizer", "sgd", "--units", "si");
        Assert.Contains("needs", si.Out);
        Assert.Contains(" GB", si.Out);
    }

    [Fact]
    public void Analyze_WithACommonName_AnswersForTheCard()
    {
        var r = CliRun.Of("analyze", "seed", "--device", "h100", "--summary");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Fits h100-80gb", r.Out);
        var ambiguous = CliRun.Of("analyze", "seed", "--device", "a100");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("a100-40gb or a100-80gb?", ambiguous.Error);
    }
}
