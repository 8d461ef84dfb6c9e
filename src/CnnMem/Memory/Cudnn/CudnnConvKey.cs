namespace CnnMem.Memory.Cudnn;

/// <summary>
/// What a cuDNN workspace depends on, one row key of <see cref="CudnnWorkspaceTable"/>: the GPU architecture
/// (<c>sm_90</c>), the call, <c>torch.backends.cudnn.benchmark</c>, the data type and memory layout the kernel sees,
/// the geometry (sizes per axis written <c>3x3</c>), and the batch and spatial size as buckets
/// (<see cref="CudnnBuckets"/>). Strings and numbers only, so two keys are equal exactly when every field is.
/// </summary>
internal sealed record CudnnConvKey(
    string Arch,
    ConvDirection Direction,
    bool Benchmark,
    string DType,
    string Layout,
    string Kernel,
    string Stride,
    string Dilation,
    long Groups,
    long InChannels,
    long OutChannels,
    long BatchBucket,
    long SpatialBucket)
{
    /// <summary>The JSON (and Python) names of the directions.</summary>
    public static string DirectionName(ConvDirection d) => d switch
    {
        ConvDirection.Forward => "forward",
        ConvDirection.BackwardData => "backward_data",
        ConvDirection.BackwardFilter => "backward_filter",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static ConvDirection? ParseDirection(string? name) => name switch
    {
        "forward" => ConvDirection.Forward,
        "backward_data" => ConvDirection.BackwardData,
        "backward_filter" => ConvDirection.BackwardFilter,
        _ => null,
    };

    /// <summary>Sizes per axis as the key writes them: <c>3x3</c>, <c>1</c> for one axis.</summary>
    public static string Sizes(IEnumerable<long> values) => string.Join("x", values);
}
