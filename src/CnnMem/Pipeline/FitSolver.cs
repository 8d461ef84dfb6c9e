using CnnMem.Zoo;

namespace CnnMem.Pipeline;

/// <summary>
/// The largest batch that fits a budget, for a memory function that is nearly affine in the batch:
/// 1. evaluate at 1 and 2; if batch 1 does not fit, the answer is 0;
/// 2. solve the line through them for the budget (a doubling search when the slope is not positive);
/// 3. verify by evaluation: gallop down while the candidate does not fit, up while the next one does, then bisect
///    between a batch that fits and one that does not (a far-off line estimate costs log steps, not one per batch);
/// the result always fits and the next batch never does (up to <c>maxBatch</c>).
/// </summary>
internal static class FitSolver
{
    public static FitResult Solve(string mode, long budget, Func<long, long> memoryAt, long maxBatch = 1L << 24)
    {
        var cache = new Dictionary<long, long>();
        long M(long b) => cache.TryGetValue(b, out var v) ? v : cache[b] = memoryAt(b);

        if (M(1) > budget)
        {
            return new FitResult(mode, budget, 0, 0, M(1));
        }
        var slope = M(2) - M(1);
        long candidate;
        if (slope > 0)
        {
            candidate = Math.Clamp(1 + ((budget - M(1)) / slope), 1, maxBatch);
        }
        else
        {
            candidate = 1;
            while (candidate < maxBatch && M(Math.Min(maxBatch, candidate * 2)) <= budget)
            {
                candidate = Math.Min(maxBatch, candidate * 2);
            }
        }
        candidate = Refine(candidate, budget, maxBatch, M);
        return new FitResult(mode, budget, candidate, M(candidate), candidate < maxBatch ? M(candidate + 1) : 0);
    }

    /// <summary>
    /// The largest batch for which <paramref name="run"/> fits (a replay under the budget), by doubling then
    /// bisection; the bytes shown are what the run took at that batch and, for the next, <paramref name="need"/>
    /// (what it would take without a budget, more than the budget since it does not fit).
    /// </summary>
    public static FitResult Largest(string mode, long budget, Func<long, long> need, Func<long, (bool Fits, long Bytes)> run, long maxBatch = 1L << 24)
    {
        var cache = new Dictionary<long, (bool Fits, long Bytes)>();
        bool fits(long b) => (cache.TryGetValue(b, out var r) ? r : cache[b] = run(b)).Fits;
        if (!fits(1))
        {
            return new FitResult(mode, budget, 0, 0, need(1));
        }
        long lo = 1, hi = 2;
        while (hi <= maxBatch && fits(hi))
        {
            lo = hi;
            hi *= 2;
        }
        hi = Math.Min(hi, maxBatch + 1);
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (fits(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return new FitResult(mode, budget, lo, cache[lo].Bytes, lo < maxBatch ? need(lo + 1) : 0);
    }

    /// <summary>The largest batch near <paramref name="candidate"/> that fits while the next does not (batch 1 is known to fit).</summary>
    private static long Refine(long candidate, long budget, long maxBatch, Func<long, long> m)
    {
        long fits, fails;
        if (m(candidate) > budget)
        {
            (fails, fits) = (candidate, candidate);
            for (long step = 1; ; step *= 2)
            {
                fits = Math.Max(1, candidate - step);
                if (fits == 1 || m(fits) <= budget)
                {
                    break;
                }
                fails = fits;
            }
        }
        else
        {
            (fits, fails) = (candidate, candidate);
            for (long step = 1; ; step *= 2)
            {
                if (fits >= maxBatch)
                {
                    return maxBatch;
                }
                fails = Math.Min(maxBatch, candidate + step);
                if (m(fails) > budget)
                {
                    break;
                }
                fits = fails;
            }
        }
        while (fails - fits > 1)
        {
            var mid = fits + ((fails - fits) / 2);
            if (m(mid) <= budget)
            {
                fits = mid;
            }
            else
            {
                fails = mid;
            }
        }
        return fits;
    }
}
