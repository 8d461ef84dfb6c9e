using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Ops;

namespace CnnMem.Memory.Cudnn;

/// <summary>
/// A CUDA convolution's workspace, per call (<see cref="ConvDirection"/>):
/// 1. the key from the geometry the rule declares (<see cref="ConvGeometry"/>), the input's batch and spatial size, the
///    type the kernel runs in (autocast's half type for a convolution under <c>--amp</c>), the layout
///    (<c>--channels-last</c>), <c>--cudnn-benchmark</c> and the architecture (<see cref="MemoryOptions.CudnnArch"/>,
///    else the device's, else the measured one: <see cref="MemoryOptions.EffectiveCudnnArch"/>);
/// 2. the table's figure when it has the key (<see cref="CudnnWorkspaceTable.Lookup"/>);
/// 3. otherwise the rule below, per direction (no measurement of the backward calls, of benchmark mode or of
///    channels-last yet: the forward rule is what the forward measurements showed, the backward one follows the
///    same layout copies and is checked against the measured training reserved peaks);
/// 4. at most <c>--workspace-limit</c>.
/// </summary>
internal static class CudnnWorkspaces
{
    public static CudnnWorkspace Resolve(NodeInference n, MemoryOptions options, ConvDirection direction)
    {
        if (n.Result.Conv is not { } g || n.Inputs.Length < 1 || n.Inputs[0] is not { } x || !x.Shape.IsFullyKnown || x.Shape.Rank < 3
            || n.Outputs.Length < 1 || n.Outputs[0].Bytes is not { } outBytes)
        {
            return new CudnnWorkspace(0, false);
        }
        var table = options.CudnnTable ?? CudnnWorkspaceTable.Builtin;
        var measured = table.Entries.IsEmpty ? null : table.Lookup(KeyOf(n, g, x, options, direction), x.Shape[0].Value!.Value, SpatialElements(x.Shape));
        var bytes = measured ?? Rule(g, x, outBytes, direction);
        return new CudnnWorkspace(options.CudnnWorkspaceLimitBytes is { } cap ? Math.Min(cap, bytes) : bytes, measured is not null);
    }

    /// <summary>The table key of one call (step 1).</summary>
    public static CudnnConvKey KeyOf(NodeInference n, ConvGeometry g, TensorInfo x, MemoryOptions options, ConvDirection direction)
    {
        var dtype = options.MixedPrecision && n.Result.Autocast == AutocastClass.LowerPrecision ? options.AmpDType : x.DType;
        return new CudnnConvKey(
            options.EffectiveCudnnArch,
            direction,
            options.CudnnBenchmark,
            DTypes.Name(dtype),
            options.ChannelsLast ? "nhwc" : "nchw",
            CudnnConvKey.Sizes(g.Kernel),
            CudnnConvKey.Sizes(g.Strides),
            CudnnConvKey.Sizes(g.Dilations),
            g.Groups,
            g.InChannels,
            g.OutChannels,
            CudnnBuckets.Of(x.Shape[0].Value!.Value),
            CudnnBuckets.Of(SpatialElements(x.Shape)));
    }

    /// <summary>
    /// cuDNN's workspace with <c>benchmark</c> off, as measured on an H200 (PyTorch 2.11, cuDNN 9.19, float32, TF32 allowed):
    /// the heuristics' first choice is a tensor-core implicit-GEMM kernel that works on NHWC copies, so the workspace
    /// holds the input and the output in that layout; forward, a 1x1 stride-1 convolution is a plain matrix product
    /// over the output and needs only the input's copy, and inputs whose channels are not a multiple of 8 (images, the
    /// first layers) run direct kernels without workspace. The backward calls (backward-data: dy to dx; backward-filter:
    /// x and dy to dW) copy both activation tensors they touch for every ungrouped convolution, those too: the
    /// forward's two exceptions are forward kernels (measured on the forward only), and with them the replay's
    /// training reserved peaks stayed 6-30% under the measured ones on networks with pointwise or 3-channel
    /// convolutions (mobilenet_v2, squeezenet1_0, resnet18). Grouped (depthwise) convolutions run direct kernels
    /// without workspace in every direction. PyTorch sets no cap.
    /// </summary>
    public static long Rule(ConvGeometry g, TensorInfo x, long outBytes, ConvDirection direction = ConvDirection.Forward)
    {
        if (g.Groups > 1)
        {
            return 0;
        }
        if (direction != ConvDirection.Forward)
        {
            return checked((x.Bytes ?? 0) + outBytes);
        }
        if (g.InChannels % 8 != 0)
        {
            return 0;
        }
        var pointwise = g.IsPointwise && !g.IsStrided && !g.IsDilated;
        return pointwise ? x.Bytes ?? 0 : checked((x.Bytes ?? 0) + outBytes);
    }

    /// <summary>The input's spatial elements (the product of the sizes after batch and channels).</summary>
    public static long SpatialElements(Shape s)
    {
        long p = 1;
        for (var i = 2; i < s.Rank; i++)
        {
            p = checked(p * s[i].Value!.Value);
        }
        return p;
    }
}
