namespace CnnMem.Tests.Memory;

/// <summary>
/// measure_gpu.py's inference fit runs one forward from a clean cache per try; fit answers for repeated forwards and
/// names the first-forward batch beside it when that reaches further. Held against every measured inference fit:
/// the first-forward figure within 5% of the measured largest batch, and never below fit's own batch.
/// </summary>
public class FirstForwardFitTests
{
    public static TheoryData<string> Models => new(GpuOracle.FitIds().Where(f => f.Mode == "inference").Select(f => f.Model));

    [Theory]
    [MemberData(nameof(Models))]
    public void FirstForwardFit_MatchesTheMeasuredOneForwardFit(string model)
    {
        var (measured, batch, first) = GpuOracle.FirstForwardFit(model);
        Assert.True(first >= batch, $"{model}: a first forward ({first}) reaches less than repeated forwards ({batch})");
        var error = Math.Abs(first - measured) / (double)measured;
        Assert.True(error <= 0.05, $"{model}: first forward {first} vs measured {measured} ({error:P1}); repeated forwards {batch}");
    }
}
