using CnnMem.Graphs;

namespace CnnMem.Ops.Spatial;

/// <summary>Checks shared by convolutions, pools and normalizations for a channels-first [N, C, D1, ...] input.</summary>
internal static class SpatialInput
{
    /// <summary>The input's known dims, requiring a batch, a channel and at least one spatial dimension.</summary>
    public static long[] Dims(OpContext ctx, int index = 0)
    {
        var x = ctx.KnownDims(index);
        OpContext.Require(x.Length >= 3, $"expects an input with a batch, a channel and at least one spatial dimension (N, C, H, ...), found shape {ctx.Input(index).Shape}");
        return x;
    }

    /// <summary>As <see cref="Dims(OpContext, int)"/>, written into <paramref name="buffer"/> (see <see cref="OpContext.KnownDims(int, Span{long})"/>).</summary>
    public static ReadOnlySpan<long> Dims(OpContext ctx, Span<long> buffer, int index = 0)
    {
        var x = ctx.KnownDims(index, buffer);
        OpContext.Require(x.Length >= 3, $"expects an input with a batch, a channel and at least one spatial dimension (N, C, H, ...), found shape {ctx.Input(index).Shape}");
        return x;
    }

    /// <summary>Product of <paramref name="values"/> with checked arithmetic (1 for an empty list).</summary>
    public static long Product(IEnumerable<long> values) => values.Aggregate(1L, (a, v) => checked(a * v));

    /// <summary>As <see cref="Product(IEnumerable{long})"/>, without an enumerator.</summary>
    public static long Product(ReadOnlySpan<long> values)
    {
        long product = 1;
        foreach (var v in values)
        {
            product = checked(product * v);
        }
        return product;
    }

    /// <summary>A 0/1 flag attribute; any other value is an error naming the attribute.</summary>
    public static bool Flag(Attributes attr, string name, bool fallback)
    {
        var v = attr.Int(name, fallback ? 1 : 0);
        return v switch
        {
            0 => false,
            1 => true,
            _ => throw new OpException($"attribute '{name}' must be 0 or 1, found {v}"),
        };
    }
}
