using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;

namespace CnnMem.Memory;

/// <summary>
/// Memory a kernel allocates and frees inside one op (named terms of the framework model):
/// - CPU convolution, PyTorch 1.13's own backend choice (<see cref="UsesOneDnn"/>): oneDNN with plain NCHW
///   tensors writes a blocked output and copies it out (one extra output); the native path (thnn) builds an
///   im2col buffer <c>finput</c> of N x Cin·kh·kw x Hout·Wout unless the conv is 1x1, stride 1, unpadded;
/// - CUDA convolution: a cuDNN workspace, at most the configured limit (estimated as the im2col size);
/// - max-pool without grad still computes int64 indices (inference only; in training they are kept).
/// </summary>
public static class Workspaces
{
    public static long Forward(NodeInference n, MemoryOptions options, bool training) => n.Node.Op switch
    {
        "Conv" => Conv(n, options),
        "MaxPool" when !training && n.Outputs.Length > 0 && n.Outputs[0].Elements is { } e => checked(e * DTypes.SizeOf(DType.Int64)),
        _ => 0,
    };

    /// <summary>Backward kernels: a convolution recomputes its im2col columns (native) or reorders the output gradient (oneDNN).</summary>
    public static long Backward(NodeInference n, MemoryOptions options) => n.Node.Op switch
    {
        "Conv" => Conv(n, options),
        _ => 0,
    };

    private static long Conv(NodeInference n, MemoryOptions options)
    {
        if (n.Inputs.Length < 1 || n.Inputs[0] is not { } x || !x.Shape.IsFullyKnown || n.Outputs.Length < 1 || n.Outputs[0].Bytes is not { } outBytes)
        {
            return 0;
        }
        var columns = Im2ColBytes(n);
        return options.Backend switch
        {
            Backend.Cuda => Math.Min(options.CudnnWorkspaceLimitBytes, columns),
            _ when UsesOneDnn(n, options) => Precision.ActivationType(n.Outputs[0].DType, "Conv", options) == n.Outputs[0].DType
                ? outBytes : checked(outBytes / DTypes.SizeOf(n.Outputs[0].DType) * 2),
            _ => columns,
        };
    }

    /// <summary>
    /// PyTorch 1.13 <c>ConvParams::use_mkldnn</c> for float32 CPU input:
    /// (strided or dilated or N >= 16 or kernel not 1x1 or threads > 1) and
    /// (groups > 1 or kernel > 3x3 in both dims or N > 1 or input elements > 20480).
    /// </summary>
    public static bool UsesOneDnn(NodeInference n, MemoryOptions options)
    {
        if (!options.Mkldnn || n.Inputs[0] is not { } x || !x.Shape.IsFullyKnown || n.Outputs[0].Shape.Rank != x.Shape.Rank)
        {
            return false;
        }
        var dims = x.Shape.ToLongs();
        var kernel = Kernel(n);
        var strided = (n.Node.Attributes.Ints("strides") ?? ImmutableArray<long>.Empty).Any(s => s > 1);
        var dilated = (n.Node.Attributes.Ints("dilations") ?? ImmutableArray<long>.Empty).Any(d => d > 1);
        var groups = n.Node.Attributes.Int("group", 1);
        var numel = dims.Aggregate(1L, (a, d) => checked(a * d));
        var not1x1 = kernel.Any(k => k != 1);
        var big = kernel.Length > 0 && kernel.All(k => k > 3);
        return (strided || dilated || dims[0] >= 16 || not1x1 || options.CpuThreads > 1)
            && (groups > 1 || big || dims[0] > 1 || numel > 20480);
    }

    /// <summary>N x (Cin/groups)·prod(k) x prod(out spatial) elements (0 for an unpadded stride-1 1x1 conv, which needs no columns).</summary>
    public static long Im2ColBytes(NodeInference n)
    {
        var x = n.Inputs[0]!.Shape.ToLongs();
        var y = n.Outputs[0].Shape;
        if (!y.IsFullyKnown)
        {
            return 0;
        }
        var o = y.ToLongs();
        var kernel = Kernel(n);
        var pads = n.Node.Attributes.Ints("pads") ?? ImmutableArray<long>.Empty;
        var strides = n.Node.Attributes.Ints("strides") ?? ImmutableArray<long>.Empty;
        var autoPad = n.Node.Attributes.Str("auto_pad", "NOTSET");
        var trivial = kernel.All(k => k == 1) && pads.All(p => p == 0) && strides.All(s => s == 1) && autoPad is "NOTSET" or "VALID";
        if (trivial)
        {
            return 0;
        }
        var groups = n.Node.Attributes.Int("group", 1);
        var rows = checked(x[1] / groups * kernel.Aggregate(1L, (a, k) => checked(a * k)));
        var cols = o[2..].Aggregate(1L, (a, d) => checked(a * d));
        var elementBytes = DTypes.SizeOf(n.Outputs[0].DType);
        return checked(x[0] * groups * rows * cols * elementBytes);
    }

    private static long[] Kernel(NodeInference n)
    {
        if (n.Node.Attributes.Ints("kernel_shape") is { } k && !k.IsDefaultOrEmpty)
        {
            return k.ToArray();
        }
        if (n.Inputs.Length > 1 && n.Inputs[1] is { } w && w.Shape.IsFullyKnown)
        {
            return w.Shape.ToLongs()[2..];
        }
        return Array.Empty<long>();
    }
}
