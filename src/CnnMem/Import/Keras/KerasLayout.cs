namespace CnnMem.Import.Keras;

/// <summary>
/// Where a Keras axis lives in cnnmem's channels-first tensors. A channels-last model (Keras's default) is
/// analysed with its last axis (the channels) moved to position 1, so the op rules see N, C, spatial...; a
/// channels-first model keeps Keras's order. Rank-2 tensors (N, features) are the same either way.
/// </summary>
internal sealed record KerasLayout(bool ChannelsLast)
{
    /// <summary>The internal axis of Keras axis <paramref name="axis"/> (negative counts from the end) of a rank <paramref name="rank"/> tensor.</summary>
    public long Axis(long axis, int rank, string what)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new Graphs.OpException($"{what} {axis} is out of range for a rank {rank} tensor");
        }
        if (!ChannelsLast || rank < 3)
        {
            return a;
        }
        return a == 0 ? 0 : a == rank - 1 ? 1 : a + 1;
    }

    /// <summary>Keras-ordered dims (batch first) in internal order.</summary>
    public T[] Dims<T>(IReadOnlyList<T> keras) =>
        !ChannelsLast || keras.Count < 3 ? keras.ToArray() : [keras[0], keras[^1], .. keras.Skip(1).Take(keras.Count - 2)];

    /// <summary>A Keras permutation (batch included) as a permutation of internal axes: out[f(j)] = in[f(p[j])].</summary>
    public long[] Perm(IReadOnlyList<long> keras)
    {
        var rank = keras.Count;
        var perm = new long[rank];
        for (var j = 0; j < rank; j++)
        {
            perm[Axis(j, rank, "axis")] = Axis(keras[j], rank, "axis");
        }
        return perm;
    }
}
