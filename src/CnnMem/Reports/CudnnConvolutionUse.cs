using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// One convolution as the cuDNN table keys it (sizes per axis as <c>3x3</c>), its input's and output's spatial sizes (the
/// padding follows from them; the table's key leaves it out), and its calls.
/// </summary>
public sealed record CudnnConvolutionUse(
    string Layer,
    string Kernel,
    string Stride,
    string Dilation,
    long Groups,
    long InChannels,
    long OutChannels,
    long Batch,
    ImmutableArray<long> Spatial,
    ImmutableArray<long> OutputSpatial,
    string Dtype,
    string Layout,
    ImmutableArray<CudnnCallUse> Calls);
