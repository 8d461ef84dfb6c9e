namespace CnnMem.Tests.Analysis;

/// <summary>
/// The optimizer travels to the memory models inside <see cref="AnalysisOptions.Memory"/>: whatever the order the two
/// are set in, and through <c>with</c>, the memory options carry the analysis options' optimizer.
/// </summary>
public class AnalysisOptionsTests
{
    [Fact]
    public void Memory_CarriesTheOptimizer_InEitherOrder()
    {
        var memory = new MemoryOptions { Backend = Backend.Cpu }; // not the default, so the assertion below sees it carried
        var before = new AnalysisOptions { Optimizer = Optimizer.Adam, Memory = memory };
        var after = new AnalysisOptions { Memory = memory, Optimizer = Optimizer.Adam };
        Assert.Equal(Optimizer.Adam, before.Memory.Optimizer);
        Assert.Equal(Optimizer.Adam, after.Memory.Optimizer);
        Assert.Equal(before, after);
        Assert.Equal(Backend.Cpu, before.Memory.Backend);
    }

    [Fact]
    public void Memory_FollowsWith_AndKeepsTheOptimizerWhenReplaced()
    {
        var adam = new AnalysisOptions { Optimizer = Optimizer.Adam };
        var rms = adam with { Optimizer = Optimizer.RmsProp };
        Assert.Equal(Optimizer.RmsProp, rms.Memory.Optimizer);
        Assert.Equal(Optimizer.Adam, adam.Memory.Optimizer);
        // a memory options value from elsewhere (another optimizer inside) takes the analysis options' optimizer
        var replaced = adam with { Memory = new MemoryOptions { Optimizer = Optimizer.Sgd, MixedPrecision = true } };
        Assert.Equal(Optimizer.Adam, replaced.Memory.Optimizer);
        Assert.True(replaced.Memory.MixedPrecision);
        Assert.Equal(Optimizer.Sgd, new AnalysisOptions().Memory.Optimizer);
    }
}
