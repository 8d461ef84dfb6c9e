namespace CnnMem.Memory.Trace;

/// <summary>Ids grouped by step, in one flat array (compressed rows): the ids of step <c>i</c> in increasing order.</summary>
internal sealed class StepLists
{
    private readonly int[] start;
    private readonly int[] ids;

    /// <summary>From each id's step (<paramref name="stepOf"/>[id]; -1: in no step).</summary>
    internal StepLists(int steps, int[] stepOf)
    {
        start = new int[steps + 1];
        var count = 0;
        foreach (var step in stepOf)
        {
            if (step >= 0)
            {
                start[step + 1]++;
                count++;
            }
        }
        for (var i = 0; i < steps; i++)
        {
            start[i + 1] += start[i];
        }
        ids = new int[count];
        var fill = start[..^1];
        for (var id = 0; id < stepOf.Length; id++)
        {
            if (stepOf[id] >= 0)
            {
                ids[fill[stepOf[id]]++] = id;
            }
        }
    }

    internal ReadOnlySpan<int> At(int step) => ids.AsSpan(start[step], start[step + 1] - start[step]);
}
