using System.Collections.Immutable;

namespace CnnMem.Ops;

/// <summary>
/// A convolution's geometry as its rule declares it (the attributes resolved: defaults filled in, the kernel from the
/// weight when the attribute is absent, groups from <c>depth_multiplier</c>), so the memory models read one record
/// instead of attribute names. Spatial arrays have one entry per spatial axis.
/// </summary>
internal sealed record ConvGeometry(
    ImmutableArray<long> Kernel,
    ImmutableArray<long> Strides,
    ImmutableArray<long> Dilations,
    long Groups,
    long InChannels,
    long OutChannels)
{
    /// <summary>Every kernel size is 1.</summary>
    public bool IsPointwise => Kernel.All(k => k == 1);

    /// <summary>Some axis has a stride above 1.</summary>
    public bool IsStrided => Strides.Any(s => s > 1);

    /// <summary>Some axis has a dilation above 1.</summary>
    public bool IsDilated => Dilations.Any(d => d > 1);
}
