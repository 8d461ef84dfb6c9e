using System.Runtime.InteropServices;

namespace CnnMem.Onnx;

/// <summary>Compares arrays by content, and looks them up by span, so a cache can be probed without allocating a key.</summary>
internal sealed class SpanKeyComparer<T> : IEqualityComparer<T[]>, IAlternateEqualityComparer<ReadOnlySpan<T>, T[]>
    where T : unmanaged, IEquatable<T>
{
    public static readonly SpanKeyComparer<T> Instance = new();

    public bool Equals(T[]? x, T[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(T[] obj) => GetHashCode((ReadOnlySpan<T>)obj);

    public bool Equals(ReadOnlySpan<T> alternate, T[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<T> alternate)
    {
        var h = new HashCode();
        h.AddBytes(MemoryMarshal.AsBytes(alternate));
        return h.ToHashCode();
    }

    public T[] Create(ReadOnlySpan<T> alternate) => alternate.ToArray();
}
