using System.Collections.Immutable;

namespace CnnMem.Core;

/// <summary>
/// The statically known contents of a small tensor (shape constants, axes, pads, scales), used by
/// value inference so that Reshape/Expand/Resize targets are known. Integers and booleans are held in
/// <see cref="Ints"/>, floating point values in <see cref="Reals"/>; exactly one is set.
/// </summary>
internal sealed record TensorValue(DType DType, Shape Shape, ImmutableArray<long>? Ints, ImmutableArray<double>? Reals)
{
    public static TensorValue FromInts(DType dtype, Shape shape, IEnumerable<long> values) =>
        new(dtype, shape, values.ToImmutableArray(), null);

    public static TensorValue FromReals(DType dtype, Shape shape, IEnumerable<double> values) =>
        new(dtype, shape, null, values.ToImmutableArray());

    public int Count => Ints?.Length ?? Reals?.Length ?? 0;

    /// <summary>Values as doubles, whichever storage is used.</summary>
    public IEnumerable<double> AsDoubles() => Reals is { } r ? r : Ints!.Value.Select(i => (double)i);

    /// <summary>Values as longs; reals are truncated towards zero.</summary>
    public IEnumerable<long> AsLongs() => Ints is { } i ? i : Reals!.Value.Select(r => (long)r);
}
