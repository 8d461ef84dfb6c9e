using CsCheck;
using CnnMem.Memory.Liveness;

namespace CnnMem.Tests.Memory;

public class ArenaPlannerTests
{
    // A: steps 0-1, B: 1-2, C: 2-3, D: 0-3. Live per step: 130, 180, 180, 130.
    private static readonly TensorLifetime[] Hand =
    {
        new("A", 100, 0, 1),
        new("B", 50, 1, 2),
        new("C", 100, 2, 3),
        new("D", 30, 0, 3),
    };

    [Fact]
    public void LowerBound_HandRecords_PeakAndFirstStep()
    {
        var peak = ArenaPlanners.LowerBound(Hand);
        Assert.Equal(100 + 50 + 30, peak.Bytes);
        Assert.Equal(1, peak.Step);
    }

    [Fact]
    public void GreedyBySize_HandRecords_ReachesLowerBound()
    {
        // A and C never overlap so they share offset 0; B above them at 100; D above B at 150.
        var plan = ArenaPlanners.GreedyBySize(Hand, 1);
        Assert.Equal(new long[] { 0, 100, 0, 150 }, plan.Offsets);
        Assert.Equal(180, plan.Total);
        Assert.True(ArenaPlanners.IsValid(Hand, plan));
    }

    [Fact]
    public void Naive_HandRecords_IsTheSum()
    {
        Assert.Equal(100 + 50 + 100 + 30, ArenaPlanners.Naive(Hand, 1).Total);
    }

    [Fact]
    public void GreedyBySize_Alignment_RoundsOffsets()
    {
        var plan = ArenaPlanners.GreedyBySize(Hand, 64);
        Assert.All(plan.Offsets, o => Assert.Equal(0, o % 64));
        Assert.True(ArenaPlanners.IsValid(Hand, plan));
    }

    [Fact]
    public void LowerBound_BadLifetime_Fails()
    {
        var e = Assert.Throws<ArgumentException>(() => ArenaPlanners.LowerBound(new[] { new TensorLifetime("x", 1, 3, 2) }));
        Assert.Contains("first step <= last step", e.Message);
    }

    private static readonly Gen<TensorLifetime[]> Lifetimes =
        Gen.Select(Gen.Long[0, 1000], Gen.Int[0, 20], Gen.Int[0, 5], (size, first, length) => new TensorLifetime("t", size, first, first + length))
            .Array[0, 30];

    [Fact]
    public void EveryPlanner_RandomLifetimes_ValidAndNotBelowLowerBound()
    {
        Lifetimes.Sample(ls =>
        {
            var bound = ArenaPlanners.LowerBound(ls).Bytes;
            foreach (var (name, planner) in ArenaPlanners.All)
            {
                foreach (var alignment in new long[] { 1, 64 })
                {
                    var plan = planner(ls, alignment);
                    if (plan.Total < bound || !ArenaPlanners.IsValid(ls, plan))
                    {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    [Fact]
    public void Naive_RandomLifetimes_SumAtLeastPeak()
    {
        Lifetimes.Sample(ls => ls.Sum(l => l.Size) >= ArenaPlanners.LowerBound(ls).Bytes);
    }
}
