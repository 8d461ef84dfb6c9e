using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// One convolution as the cuDNN table keys it (sizes per axis as <c>3x3</c>), its input's and output's spatial sizes (the
/// padding follows from them; the table's key leaves it out), and its calls.
/// </summary>
public sealed record CudnnConvolutionUse
{
    /// <summary>The convolution's node name.</summary>
    public required string Layer { get; init; }

    /// <summary>The kernel's sizes per spatial axis (<c>3x3</c>).</summary>
    public required string Kernel { get; init; }

    /// <summary>The stride per spatial axis.</summary>
    public required string Stride { get; init; }

    /// <summary>The dilation per spatial axis.</summary>
    public required string Dilation { get; init; }

    /// <summary>The convolution's groups.</summary>
    public required long Groups { get; init; }

    /// <summary>Input channels.</summary>
    public required long InChannels { get; init; }

    /// <summary>Output channels.</summary>
    public required long OutChannels { get; init; }

    /// <summary>The input's batch size.</summary>
    public required long Batch { get; init; }

    /// <summary>The input's spatial sizes.</summary>
    public required ImmutableArray<long> Spatial { get; init; }

    /// <summary>The output's spatial sizes.</summary>
    public required ImmutableArray<long> OutputSpatial { get; init; }

    /// <summary>The element type as the table keys it.</summary>
    public required string Dtype { get; init; }

    /// <summary>The memory layout as the table keys it.</summary>
    public required string Layout { get; init; }

    /// <summary>The cuDNN calls looked up for this convolution.</summary>
    public required ImmutableArray<CudnnCallUse> Calls { get; init; }
}
