using System.Collections.Immutable;
using CnnMem.Ops;

namespace CnnMem;

/// <summary>
/// What to analyse: batch size, element type, optimizer and extra symbol bindings. The defaults are the CLI's and the web
/// page's, which read them from here (PyTorch 2.x on CUDA in <see cref="Memory"/>); the batch is 1 where the CLI picks one from the model.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>The batch size the batch symbol (usually <c>N</c>) is bound to; at least 1.</summary>
    public long Batch { get; init; } = 1;

    /// <summary>The element type of the float tensors (activations, weights).</summary>
    public DType DType { get; init; } = DType.Float32;

    private readonly Optimizer optimizer = Optimizer.Sgd;
    private readonly MemoryOptions memory = new();

    /// <summary>The optimizer whose state the training figures include (the memory models read it in <see cref="Memory"/>).</summary>
    public Optimizer Optimizer
    {
        get => optimizer;
        init => (optimizer, memory) = (value, memory with { Optimizer = value });
    }

    /// <summary>Values for symbolic dims other than the batch (<c>--dim NAME=VALUE</c>).</summary>
    public ImmutableDictionary<string, long> Dims { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>
    /// Which parameters are frozen (<c>--freeze</c>) or trainable (<c>--trainable</c>), in order, applied after what the model
    /// file says (ONNX metadata from cnnmem's Python package, Keras <c>trainable: false</c>): a frozen parameter has no gradient
    /// and no optimizer state, and autograd keeps nothing for a gradient that is never computed.
    /// </summary>
    public ImmutableArray<FreezeRule> Freeze { get; init; } = ImmutableArray<FreezeRule>.Empty;

    /// <summary>Whether an unsupported op is reported (with unknown figures) instead of failing the analysis.</summary>
    public bool AllowUnknown { get; init; }

    /// <summary>The op rules to use (the library's own by default; not API: cnnmem's tools and tests swap in others).</summary>
    internal OpRegistry Registry { get; init; } = OpRegistry.Default;

    /// <summary>The framework memory model's settings (backend, mixed precision, checkpointing, device overheads), with <see cref="Optimizer"/>.</summary>
    public MemoryOptions Memory
    {
        get => memory;
        init => memory = value with { Optimizer = optimizer };
    }

    /// <summary>Whether to run the framework memory model beside the textbook figures.</summary>
    public bool FrameworkMemory { get; init; } = true;

    /// <summary>Multi-device training (<c>--gpus</c>, <c>--parallel</c>); null = one device, no parallel section.</summary>
    public DataParallelOptions? Parallel { get; init; }

    /// <summary>
    /// Whether the inference and training models may run side by side on two threads. Off in the browser:
    /// WebAssembly runs .NET on the page's single thread, where a blocking wait on another task is not supported.
    /// </summary>
    public bool ParallelModels { get; init; } = !OperatingSystem.IsBrowser();

    /// <summary>A GPU from <see cref="Memory.Profiles.DeviceTable"/> (<c>--device</c>): the summary says whether this batch fits it and the largest batch that does.</summary>
    public string? Device { get; init; }

    /// <summary>
    /// Fold each convolution (or linear layer) with the normalization and activation that read only its output into one
    /// row of <see cref="Reports.AnalysisReport.Groups"/> (the CLI's <c>--group</c>). Not with <see cref="GroupDepth"/>.
    /// </summary>
    public bool GroupConvBlocks { get; init; }

    /// <summary>
    /// Fold consecutive layers whose module path (<c>layer1.0.conv1</c>) is deeper than this many components into one row
    /// per module of <see cref="Reports.AnalysisReport.Groups"/> (the CLI's <c>--depth N</c>); at least 1, null = no folding.
    /// Not with <see cref="GroupConvBlocks"/>.
    /// </summary>
    public int? GroupDepth { get; init; }

    /// <summary>Also compute what the charts need: the training-step memory timeline and the batch sweep (slower: many batches are evaluated).</summary>
    public bool ChartData { get; init; }
}
