namespace CnnMem.Ops.Spatial;

/// <summary>
/// The window arithmetic of one spatial axis as a value (what <see cref="SpatialAxis"/> holds): convolutions and pools
/// compute it on the stack for every node, and make the record only for a warning.
/// </summary>
internal readonly record struct AxisWindow(long Input, long Kernel, long Stride, long Dilation, long PadBegin, long PadEnd, long Output)
{
    /// <summary>Kernel extent with dilation: (k - 1) * d + 1.</summary>
    public long DilatedKernel => checked(((Kernel - 1) * Dilation) + 1);

    /// <summary>True when the window's last position does not end exactly at the padded edge (as <see cref="SpatialAxis.IsUneven"/>).</summary>
    public bool IsUneven => checked(Input + PadBegin + PadEnd - DilatedKernel) % Stride != 0;

    /// <summary>As <see cref="SpatialAxis.DropsInput"/>.</summary>
    public bool DropsInput => (checked(Input + PadBegin + PadEnd - DilatedKernel) % Stride) - PadEnd > Math.Max(0, Stride - DilatedKernel);

    public SpatialAxis ToAxis() => new(Input, Kernel, Stride, Dilation, PadBegin, PadEnd, Output);
}
