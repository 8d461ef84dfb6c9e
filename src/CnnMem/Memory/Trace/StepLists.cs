namespace CnnMem.Memory.Trace;

/// <summary>Ids grouped by step, in one flat array (compressed rows): the ids of step <c>i</c> in the order they were given.</summary>
internal sealed class StepLists
{
    private readonly int[] start;
    private readonly int[] ids;

    internal StepLists(int steps, List<(int Step, int Id)> entries)
    {
        start = new int[steps + 1];
        foreach (var (step, _) in entries)
        {
            start[step + 1]++;
        }
        for (var i = 0; i < steps; i++)
        {
            start[i + 1] += start[i];
        }
        ids = new int[entries.Count];
        var fill = start[..^1];
        foreach (var (step, id) in entries)
        {
            ids[fill[step]++] = id;
        }
    }

    internal ReadOnlySpan<int> At(int step) => ids.AsSpan(start[step], start[step + 1] - start[step]);
}
