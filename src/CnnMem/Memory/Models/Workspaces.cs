using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Memory.Cudnn;
using CnnMem.Ops;
using CnnMem.Memory.Liveness;

namespace CnnMem.Memory.Models;

/// <summary>
/// Memory a kernel allocates and frees inside one op (named terms of the framework model):
/// - CPU convolution, PyTorch 1.13's own backend choice (<see cref="UsesOneDnn"/>): oneDNN with plain NCHW
///   tensors reorders the weight into a blocked copy and writes a blocked output (channels padded to 16) that it
///   copies out; grouped (depthwise) kernels also need a blocked copy of the input; the native path (thnn)
///   builds an im2col buffer <c>finput</c> of N x Cin·kh·kw x Hout·Wout;
/// - CUDA convolution: the workspace of the algorithm cuDNN chooses, per call (<see cref="CudnnWorkspaces"/>: the measured
///   table, else the rule), at most the configured limit;
/// - max-pool without grad still computes int64 indices (inference only; in training they are kept).
/// Which ops need which workspace is what each op rule declares (<see cref="WorkspaceKind"/>), and a convolution's
/// geometry too (<see cref="ConvGeometry"/>): nothing here reads attribute names.
/// </summary>
internal static class Workspaces
{
    public static long Forward(NodeInference n, MemoryOptions options, bool training) => n.Result.Workspace switch
    {
        WorkspaceKind.Convolution => Conv(n, options, ConvDirection.Forward),
        WorkspaceKind.PoolingIndices when !training && options.Profile.PoolingIndicesWithoutGrad && n.Outputs.Length > 0 && n.Outputs[0].Elements is { } e
            => checked(e * DTypes.SizeOf(DType.Int64)),
        _ => 0,
    };

    /// <summary>
    /// Backward kernels: a convolution recomputes its im2col columns (native) or reorders the output gradient (oneDNN);
    /// on CUDA the data and the filter gradients are two cuDNN calls one after the other, so the larger workspace.
    /// </summary>
    public static long Backward(NodeInference n, MemoryOptions options) => n.Result.Workspace switch
    {
        WorkspaceKind.Convolution when options.Profile.ConvWorkspace == ConvWorkspaceModel.Cudnn
            => Math.Max(Conv(n, options, ConvDirection.BackwardData), Conv(n, options, ConvDirection.BackwardFilter)),
        WorkspaceKind.Convolution => Conv(n, options, ConvDirection.Forward),
        _ => 0,
    };

    /// <summary>
    /// On CUDA, a convolution's backward as PyTorch runs it (aten/src/ATen/native/cudnn/ConvShared.cpp,
    /// <c>cudnn_convolution_backward</c>): <c>cudnn_convolution_backward_input</c>, then
    /// <c>cudnn_convolution_backward_weight</c>, each a cuDNN call whose plan's workspace is allocated from the caching
    /// allocator and freed when the call returns (Conv_v8.cpp, <c>run_conv_plan</c>). Zeros elsewhere (one workspace,
    /// <see cref="Backward"/>).
    /// </summary>
    public static (long Data, long Filter) BackwardCalls(NodeInference n, MemoryOptions options) =>
        n.Result.Workspace == WorkspaceKind.Convolution && options.Profile.ConvWorkspace == ConvWorkspaceModel.Cudnn
            ? (Conv(n, options, ConvDirection.BackwardData), Conv(n, options, ConvDirection.BackwardFilter))
            : (0, 0);

    private static long Conv(NodeInference n, MemoryOptions options, ConvDirection direction)
    {
        if (n.Result.Conv is not { } g || n.Inputs.Length < 1 || n.Inputs[0] is not { } x || !x.Shape.IsFullyKnown || n.Outputs.Length < 1 || n.Outputs[0].Bytes is null)
        {
            return 0;
        }
        return options.Backend switch
        {
            _ when options.Profile.ConvWorkspace == ConvWorkspaceModel.Cudnn => CudnnWorkspaces.Resolve(n, options, direction).Bytes,
            _ when UsesOneDnn(n, options) => OneDnn(n, x, n.Outputs[0].Bytes!.Value, g.Groups > 1),
            _ => Im2ColBytes(n),
        };
    }

    /// <summary>
    /// oneDNN (ideep) with plain tensors, in the order PyTorch 1.13's CPU allocator sees it: a blocked copy of the weight
    /// and a blocked output, then (after the weight copy is freed) the plain output the blocked one is copied into.
    /// 2D kernels read a plain input except grouped ones; 3D kernels also reorder the input into blocks unless it has
    /// fewer channels than one block (a clip's RGB); the input and weight copies are freed before the plain output
    /// exists, so the workspace beside the input and output is the larger of the two moments (measured on
    /// mobilenet_v2's depthwise convolutions and r3d_18's 3D ones).
    /// </summary>
    private static long OneDnn(NodeInference n, Core.TensorInfo x, long outBytes, bool grouped)
    {
        var output = BlockedBytes(n.Outputs[0]);
        var weight = WeightBytes(n);
        if (x.Shape.Rank < 5 && !grouped)
        {
            return checked(output + weight); // a plain input: weight and blocked output beside the plain one (alexnet's forward peaks)
        }
        var input = grouped || x.Shape[1].Value >= BlockChannels ? BlockedBytes(x) : 0;
        return Math.Max(checked(input + weight + output - outBytes), output);
    }

    /// <summary>The convolution's weight: input 1 of an imported node, or the weight a spec layer creates.</summary>
    private static long WeightBytes(NodeInference n) =>
        n.Inputs.Length > 1 && n.Inputs[1] is { } w ? w.Bytes ?? 0
        : n.Result.Params.Where(p => p.Role == Ops.ParamRole.Weight).Sum(p => checked(p.Elements * DTypes.SizeOf(p.DType)));

    /// <summary>The channel block of oneDNN's blocked layouts (nChw16c, nCdhw16c).</summary>
    private const long BlockChannels = 16;

    /// <summary>oneDNN's blocked layout (nChw16c): channels padded up to a multiple of 16.</summary>
    public static long BlockedBytes(Core.TensorInfo t)
    {
        if (!t.Shape.IsFullyKnown || t.Shape.Rank < 2)
        {
            return t.Bytes ?? 0;
        }
        var channels = ArenaPlanners.Align(t.Shape[1].Value!.Value, BlockChannels);
        return checked(t.Shape[0].Value!.Value * channels * Product(t.Shape, 2) * DTypes.SizeOf(t.DType));
    }

    /// <summary>The product of a fully known shape's sizes from axis <paramref name="from"/> up to (not including) <paramref name="until"/> (a loop: this runs for every convolution).</summary>
    private static long Product(Shape shape, int from, int until = int.MaxValue)
    {
        long p = 1;
        for (var i = from; i < Math.Min(shape.Rank, until); i++)
        {
            p = checked(p * shape[i].Value!.Value);
        }
        return p;
    }

    /// <summary>
    /// PyTorch 1.13 <c>ConvParams::use_mkldnn</c> for float32 CPU input:
    /// (strided or dilated or N >= 16 or kernel not 1x1 or threads > 1) and
    /// (groups > 1 or kernel > 3x3 in both dims or N > 1 or input elements > 20480).
    /// PyTorch reads the kernel's last two sizes only (<c>weight.size(-1)</c>, <c>weight.size(-2)</c>) and counts the
    /// input's first four sizes only (N·C·size(2)·size(3)): a 3D convolution's (3,1,1) temporal kernel is "1x1", and a
    /// video clip's width is left out of the count, so small clips run the native <c>slow_conv3d</c> with its columns buffer.
    /// </summary>
    public static bool UsesOneDnn(NodeInference n, MemoryOptions options)
    {
        if (!options.Mkldnn || n.Result.Conv is not { } g || n.Inputs[0] is not { } x || !x.Shape.IsFullyKnown || n.Outputs[0].Shape.Rank != x.Shape.Rank)
        {
            return false;
        }
        var batch = x.Shape[0].Value!.Value;
        var numel = Product(x.Shape, 0, 4);
        var planar = g.Kernel.Length >= 2 ? g.Kernel[^2..] : g.Kernel;
        var not1x1 = planar.Any(k => k != 1);
        var big = planar.Length > 0 && planar.All(k => k > 3);
        return (g.IsStrided || g.IsDilated || batch >= 16 || not1x1 || options.CpuThreads > 1)
            && (g.Groups > 1 || big || batch > 1 || numel > 20480);
    }

    /// <summary>N x Cin·prod(k) x prod(out spatial) elements (PyTorch 1.13's slow_conv2d builds it even for 1x1 convolutions).</summary>
    public static long Im2ColBytes(NodeInference n)
    {
        var x = n.Inputs[0]!.Shape;
        var y = n.Outputs[0].Shape;
        if (!y.IsFullyKnown || n.Result.Conv is not { } g)
        {
            return 0;
        }
        var rows = checked(x[1].Value!.Value / g.Groups * g.Kernel.Aggregate(1L, (a, k) => checked(a * k)));
        var cols = Product(y, 2);
        var elementBytes = DTypes.SizeOf(n.Outputs[0].DType);
        return checked(x[0].Value!.Value * g.Groups * rows * cols * elementBytes);
    }
}
