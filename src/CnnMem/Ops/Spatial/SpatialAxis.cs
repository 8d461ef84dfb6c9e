namespace CnnMem.Ops.Spatial;

/// <summary>The window arithmetic of one spatial axis: sizes, padding and how the division came out.</summary>
internal sealed record SpatialAxis(long Input, long Kernel, long Stride, long Dilation, long PadBegin, long PadEnd, long Output)
{
    /// <summary>Kernel extent with dilation: (k - 1) * d + 1.</summary>
    public long DilatedKernel => checked(((Kernel - 1) * Dilation) + 1);

    /// <summary>Padded input minus the kernel extent, i.e. the distance the window travels.</summary>
    public long Travel => checked(Input + PadBegin + PadEnd - DilatedKernel);

    /// <summary>True when the window's last position does not end exactly at the padded edge.</summary>
    public bool IsUneven => Travel % Stride != 0;

    /// <summary>
    /// True when floor mode leaves input (not padding) unread at the end beyond the gap every window step leaves anyway:
    /// the <c>Travel % Stride</c> trailing rows, less the end padding among them, more than <c>Stride - DilatedKernel</c>.
    /// A standard ResNet's strided convolutions and max pool leave only padding (or a stride gap) unread: nothing is lost.
    /// </summary>
    public bool DropsInput => (Travel % Stride) - PadEnd > Math.Max(0, Stride - DilatedKernel);

    public long FloorOutput => (Travel / Stride) + 1;

    public long CeilOutput => ((Travel + Stride - 1) / Stride) + 1;
}
