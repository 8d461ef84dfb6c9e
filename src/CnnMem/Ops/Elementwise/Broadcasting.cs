using CnnMem.Graphs;

namespace CnnMem.Ops.Elementwise;

/// <summary>
/// NumPy-style (multidirectional) broadcasting, as ONNX defines it: shapes are right-aligned; each
/// pair of dims must be equal or one of them 1. An unknown dim broadcast against 1 stays unknown;
/// against a known n &gt; 1 it becomes n (ONNX's shape inference does the same).
/// </summary>
internal static class Broadcasting
{
    public static Shape Shapes(params Shape[] shapes)
    {
        if (shapes.Any(s => !s.IsRanked))
        {
            return Shape.Unranked;
        }
        var rank = shapes.Max(s => s.Rank);
        var dims = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            Dim? result = null;
            foreach (var s in shapes)
            {
                var j = i - (rank - s.Rank);
                if (j < 0)
                {
                    continue;
                }
                result = Merge(result, s[j], shapes);
            }
            dims[i] = result ?? Dim.Of(1);
        }
        return new Shape(dims);
    }

    private static Dim Merge(Dim? acc, Dim d, Shape[] all)
    {
        if (acc is not { } a)
        {
            return d;
        }
        if (a.Value == 1)
        {
            return d;
        }
        if (d.Value == 1)
        {
            return a;
        }
        if (a.IsKnown && d.IsKnown)
        {
            if (a.Value != d.Value)
            {
                throw new OpException($"shapes {string.Join(" and ", all.Select(s => s.ToString()))} cannot be broadcast together ({a} vs {d})");
            }
            return a;
        }
        return a.IsKnown ? a : d.IsKnown ? d : (a.Symbol is not null && a.Symbol == d.Symbol ? a : Dim.Unknown);
    }

    /// <summary>
    /// Unidirectional broadcasting (PRelu's slope, Expand-like uses): <paramref name="from"/> must
    /// broadcast to <paramref name="target"/> without changing it. Throws naming both shapes.
    /// </summary>
    public static void RequireUnidirectional(Shape target, Shape from, string what)
    {
        if (!target.IsRanked || !from.IsRanked)
        {
            return;
        }
        var ok = from.Rank <= target.Rank;
        for (var i = 1; ok && i <= from.Rank; i++)
        {
            var f = from[from.Rank - i];
            var t = target[target.Rank - i];
            ok = f.Value == 1 || !f.IsKnown || !t.IsKnown || f.Value == t.Value;
        }
        if (!ok)
        {
            throw new OpException($"{what} has shape {from}, which does not broadcast to {target}");
        }
    }

    /// <summary>
    /// Broadcasting before ONNX opset 7 (<c>broadcast=1</c>, optional <c>axis</c>): B's dims line up
    /// with A's starting at <paramref name="axis"/> (default: B's dims are A's trailing dims), each
    /// equal or 1; the output has A's shape. Throws naming both shapes.
    /// </summary>
    public static Shape Legacy(Shape a, Shape b, long? axis)
    {
        if (!a.IsRanked || !b.IsRanked)
        {
            return Shape.Unranked;
        }
        var start = axis ?? a.Rank - b.Rank;
        if (start < 0)
        {
            start += a.Rank;
        }
        if (start < 0 || start + b.Rank > a.Rank)
        {
            throw new OpException($"legacy broadcasting of {b} into {a} at axis {axis ?? start} does not fit: B needs {b.Rank} dims from that axis");
        }
        for (var i = 0; i < b.Rank; i++)
        {
            var bd = b[i];
            var ad = a[(int)start + i];
            if (bd.IsKnown && ad.IsKnown && bd.Value != 1 && bd.Value != ad.Value)
            {
                throw new OpException($"legacy broadcasting of {b} into {a} at axis {start}: dim {bd} does not match {ad}");
            }
        }
        return a;
    }

    /// <summary>
    /// Output shape of an element-wise node over all its inputs.
    /// 1. ONNX opsets 1-6 (two inputs): without <c>broadcast=1</c> the shapes must be equal; with it,
    ///    B is broadcast into A's shape (<see cref="Legacy"/>).
    /// 2. Otherwise (opset 7 on, and specs): multidirectional NumPy broadcasting over every input.
    /// </summary>
    public static Shape ForNode(OpContext ctx)
    {
        var shapes = Enumerable.Range(0, ctx.InputCount).Select(i => ctx.Input(i).Shape).ToArray();
        if (ctx.Opset is > 0 and < 7 && shapes.Length == 2)
        {
            if (ctx.Attr.Int("broadcast", 0) != 0)
            {
                return Legacy(shapes[0], shapes[1], ctx.Attr.IntOrNull("axis"));
            }
            var (a, b) = (shapes[0], shapes[1]);
            var same = !a.IsRanked || !b.IsRanked ||
                (a.Rank == b.Rank && a.Zip(b).All(p => !p.First.IsKnown || !p.Second.IsKnown || p.First.Value == p.Second.Value));
            if (!same)
            {
                throw new OpException($"expects inputs of the same shape before opset 7 unless broadcast=1, found {a} and {b}");
            }
        }
        return Shapes(shapes);
    }

    /// <summary>Flat index into a tensor of <paramref name="shape"/> for the element at <paramref name="outIndex"/> of the broadcast <paramref name="outShape"/>.</summary>
    public static long SourceIndex(long[] shape, long[] outShape, long outIndex)
    {
        long index = 0, stride = 1;
        for (int o = outShape.Length - 1, s = shape.Length - 1; s >= 0; o--, s--)
        {
            var coord = outIndex % outShape[o];
            outIndex /= outShape[o];
            if (shape[s] != 1)
            {
                index += coord * stride;
            }
            stride *= shape[s];
        }
        return index;
    }
}
