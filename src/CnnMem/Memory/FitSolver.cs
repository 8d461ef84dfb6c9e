namespace CnnMem.Memory;

/// <summary>
/// The largest batch that fits a budget, for a memory function that is nearly affine in the batch:
/// 1. evaluate at 1 and 2; if batch 1 does not fit, the answer is 0;
/// 2. solve the line through them for the budget (a doubling search when the slope is not positive);
/// 3. verify by evaluation: step down while the candidate does not fit, up while the next one does;
/// the result always fits and the next batch never does (up to the search limit, 2^24 by default).
/// </summary>
public static class FitSolver
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
        while (candidate > 1 && M(candidate) > budget)
        {
            candidate--;
        }
        while (candidate < maxBatch && M(candidate + 1) <= budget)
        {
            candidate++;
        }
        return new FitResult(mode, budget, candidate, M(candidate), candidate < maxBatch ? M(candidate + 1) : 0);
    }
}
