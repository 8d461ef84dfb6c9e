using CnnMem.Core;

namespace CnnMem.Ops.Elementwise;

/// <summary>
/// Value inference for element-wise ops: exporters compute shapes at run time with chains such as
/// Shape -> Gather -> Mul/Add/Div -> Concat, so when every input's contents are statically known the
/// output's contents are too. Only small tensors are evaluated.
/// </summary>
internal static class ElementwiseValues
{
    /// <summary>Largest tensor whose contents value inference keeps (the architecture's limit).</summary>
    public const int MaxElements = 1024;

    /// <summary>
    /// Evaluates an element-wise op over broadcast inputs, or returns null when it cannot.
    /// 1. Every input needs a known value and the output shape must be fully known and small.
    /// 2. Integer path when every input is stored as integers and <paramref name="ints"/> is given,
    ///    else the real path when <paramref name="reals"/> is given.
    /// 3. Each output element reads its inputs' elements through broadcasting.
    /// 4. Float outputs are stored as reals, others as integers; an overflow, a division by zero or a
    ///    non-finite real going into an integer drops the value rather than guessing one.
    /// </summary>
    public static TensorValue? Map(
        IReadOnlyList<TensorInfo?> inputs,
        Shape outShape,
        DType outDType,
        Func<long[], long>? ints,
        Func<double[], double>? reals)
    {
        var values = inputs.Select(i => i?.Value).ToArray();
        if (values.Length == 0 || values.Any(v => v is null) || !outShape.IsFullyKnown)
        {
            return null;
        }
        var outDims = outShape.ToLongs();
        var count = outShape.Elements!.Value;
        if (count > MaxElements || values.Any(v => !v!.Shape.IsFullyKnown || v.Shape.Elements != v.Count))
        {
            return null;
        }
        var useInts = ints is not null && values.All(v => v!.Ints is not null);
        if (!useInts && reals is null)
        {
            return null;
        }
        var shapes = values.Select(v => v!.Shape.ToLongs()).ToArray();
        // Only the path in use is materialised: reals such as infinity have no long form.
        var longData = useInts ? values.Select(v => v!.Ints!.Value.ToArray()).ToArray() : null;
        var realData = useInts ? null : values.Select(v => v!.AsDoubles().ToArray()).ToArray();
        var isFloat = DTypes.IsFloat(outDType);
        var outInts = new long[count];
        var outReals = new double[count];
        try
        {
            if (useInts)
            {
                MapInts(shapes, outDims, longData!, ints!, outInts, outReals);
            }
            else
            {
                MapReals(shapes, outDims, realData!, reals!, isFloat, outInts, outReals);
            }
        }
        catch (Exception e) when (e is OverflowException or DivideByZeroException)
        {
            return null;
        }
        return isFloat ? TensorValue.FromReals(outDType, outShape, outReals) : TensorValue.FromInts(outDType, outShape, outInts);
    }

    /// <summary>Step 3, integer path: each output element from its inputs' elements, kept as an integer and as a real.</summary>
    private static void MapInts(long[][] shapes, long[] outDims, long[][] data, Func<long[], long> ints, long[] outInts, double[] outReals)
    {
        var li = new long[data.Length];
        for (long e = 0; e < outInts.LongLength; e++)
        {
            for (var k = 0; k < data.Length; k++)
            {
                li[k] = data[k][Broadcasting.SourceIndex(shapes[k], outDims, e)];
            }
            var r = ints(li);
            outInts[e] = r;
            outReals[e] = r;
        }
    }

    /// <summary>Step 3, real path; an integer output takes the real's exact integer value or overflows.</summary>
    private static void MapReals(long[][] shapes, long[] outDims, double[][] data, Func<double[], double> reals, bool isFloat, long[] outInts, double[] outReals)
    {
        var ri = new double[data.Length];
        for (long e = 0; e < outReals.LongLength; e++)
        {
            for (var k = 0; k < data.Length; k++)
            {
                ri[k] = data[k][Broadcasting.SourceIndex(shapes[k], outDims, e)];
            }
            var r = reals(ri);
            outReals[e] = r;
            if (!isFloat)
            {
                outInts[e] = ToLong(r) ?? throw new OverflowException();
            }
        }
    }

    /// <summary>Unary form of the n-ary <c>Map</c> above.</summary>
    public static TensorValue? Map(TensorInfo input, DType outDType, Func<long, long>? ints, Func<double, double>? reals) =>
        Map(
            new[] { input },
            input.Shape,
            outDType,
            ints is null ? null : a => ints(a[0]),
            reals is null ? null : a => reals(a[0]));

    /// <summary>A real truncated towards zero, or null when it is not finite or does not fit 64 bits.</summary>
    public static long? ToLong(double r)
    {
        if (double.IsNaN(r) || double.IsInfinity(r))
        {
            return null;
        }
        var t = Math.Truncate(r);
        return t >= -9.2233720368547758E18 && t < 9.2233720368547758E18 ? (long)t : null;
    }
}
