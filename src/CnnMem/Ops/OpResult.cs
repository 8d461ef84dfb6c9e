using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops;

/// <summary>
/// What an op rule says about one node: its outputs' types and shapes (and values, when statically
/// known), the parameters it creates (spec layers; for imported models initializers are found by
/// the engine), its cost, what it keeps for backward, and warnings.
/// </summary>
internal sealed record OpResult(ImmutableArray<TensorInfo> Outputs)
{
    /// <summary>Parameters the layer owns that are not graph initializers (spec layers create their weights here).</summary>
    public ImmutableArray<ParamSpec> Params { get; init; } = ImmutableArray<ParamSpec>.Empty;

    /// <summary>Input indices that are buffers rather than learned parameters (BatchNorm's running mean and var).</summary>
    public ImmutableArray<int> BufferInputs { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>Multiply-accumulates (true MACs, for the whole batch).</summary>
    public long Macs { get; init; }

    /// <summary>Floating point operations that are not multiply-accumulates (activations, pooling compares, adds).</summary>
    public long OtherFlops { get; init; }

    /// <summary>What the framework keeps for backward.</summary>
    public ImmutableArray<SavedTensor> Saved { get; init; } = ImmutableArray<SavedTensor>.Empty;

    /// <summary>When set, output 0 is a view of (shares storage with) this input: reshape/flatten/squeeze/identity.</summary>
    public int? ViewOfInput { get; init; }

    /// <summary>Output 0 is a strided (non-contiguous) view of input 0, as PyTorch's transpose: a later reshape of it must copy.</summary>
    public bool StridedView { get; init; }

    /// <summary>In inference the op passes input 0 through unchanged (eval-mode dropout), so output 0 shares its storage; in training it allocates.</summary>
    public bool IdentityInInference { get; init; }

    /// <summary>Backward holds the layer's float buffers (BatchNorm's running mean and variance) by reference; they count as kept.</summary>
    public bool SavesRunningStats { get; init; }

    /// <summary>Whether this layer's output counts in the textbook activation sum (activations, dropout, flatten and views do not).</summary>
    public bool CountsInTextbookSum { get; init; } = true;

    /// <summary>
    /// The op merges branches (add, sum, concat): its output counts in the textbook sum when every operand is a layer
    /// output (not a weight or a constant), although <see cref="CountsInTextbookSum"/> is false for plain arithmetic.
    /// </summary>
    public bool MergesLayers { get; init; }

    /// <summary>Where the op can run in place on input 0 when the network asks for it (ReLU(inplace=True)).</summary>
    public bool CanRunInPlace { get; init; }

    /// <summary>How autocast runs the op: half precision, float32, or its inputs' widest type.</summary>
    public AutocastClass Autocast { get; init; } = AutocastClass.Promote;

    /// <summary>The kind of workspace the op's kernel allocates and frees inside the op.</summary>
    public WorkspaceKind Workspace { get; init; } = WorkspaceKind.None;

    /// <summary>A convolution's resolved geometry (kernel, strides, dilations, groups, channels); null for other ops.</summary>
    public ConvGeometry? Conv { get; init; }

    /// <summary>The channel (feature) axis tensor-core kernels tile (1 for convolutions, -1 for matrix products); null when none.</summary>
    public int? TensorCoreAxis { get; init; }

    /// <summary>The op makes a constant from its attributes (ONNX Constant): exporter data, never a tensor the framework allocates.</summary>
    public bool IsConstant { get; init; }

    public ImmutableArray<string> Warnings { get; init; } = ImmutableArray<string>.Empty;
}
