namespace CnnMem.Onnx;

/// <summary>Compares dim lists by content, and looks them up by span (see <see cref="ShapePool"/>).</summary>
internal sealed class DimsComparer : IEqualityComparer<Dim[]>, IAlternateEqualityComparer<ReadOnlySpan<Dim>, Dim[]>
{
    public static readonly DimsComparer Instance = new();

    public bool Equals(Dim[]? x, Dim[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(Dim[] obj) => GetHashCode((ReadOnlySpan<Dim>)obj);

    public bool Equals(ReadOnlySpan<Dim> alternate, Dim[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<Dim> alternate)
    {
        var h = new HashCode();
        foreach (var d in alternate)
        {
            h.Add(d);
        }
        return h.ToHashCode();
    }

    public Dim[] Create(ReadOnlySpan<Dim> alternate) => alternate.ToArray();
}
