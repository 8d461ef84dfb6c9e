using System.Collections.Immutable;
using CnnMem.Memory.Parallel;
using CnnMem.Rendering;
using CnnMem.Memory.Profiles;

namespace CnnMem.Web.Model;

/// <summary>
/// The analysis settings the page edits: the CLI's analyze options, with the library's defaults (which are the CLI's:
/// PyTorch 2.x on CUDA, float32, SGD). The framework model's settings are the library's own <see cref="MemoryOptions"/>
/// record, edited in place with <c>with</c>, so an option added there needs only a control in the settings panel.
/// </summary>
public sealed record WebSettings
{
    /// <summary>The library's defaults, read here rather than restated, so the page cannot drift from the library and the CLI.</summary>
    private static readonly AnalysisOptions Defaults = new();

    /// <summary>Null: the CLI's default (the file's declared batch, else 64 for built-in networks and the spec editor, 1 for model files).</summary>
    public long? Batch { get; init; }

    public DType DType { get; init; } = Defaults.DType;

    public Optimizer Optimizer { get; init; } = Defaults.Optimizer;

    public UnitSystem Units { get; init; } = UnitSystem.Si;

    /// <summary>The library's (and the CLI's) defaults: PyTorch 2.x on CUDA.</summary>
    public MemoryOptions Memory { get; init; } = Defaults.Memory;

    /// <summary>Frozen parameters, as <see cref="FreezeText"/> reads them: <c>* +fc*</c> freezes all but the classifier.</summary>
    public string Freeze { get; init; } = "";

    /// <summary>Values of the model's symbolic input dimensions other than the batch (the CLI's <c>--dim NAME=VALUE</c>).</summary>
    public ImmutableDictionary<string, long> Dims { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>A GPU of <see cref="DeviceTable"/> whose memory the answer is held against, or null.</summary>
    public string? Device { get; init; }

    /// <summary>Devices training data-parallel (the CLI's <c>--gpus</c>); the batch is then the per-device micro-batch.</summary>
    public int Gpus { get; init; } = 1;

    /// <summary>How the devices share the model (the CLI's <c>--parallel</c>), with more than one device.</summary>
    public ParallelStrategy Strategy { get; init; } = ParallelStrategy.Ddp;

    /// <summary>Micro-batches accumulated per optimizer step (the CLI's <c>--grad-accum</c>).</summary>
    public int GradAccum { get; init; } = 1;

    /// <summary>Also compute the training-step timeline and memory against batch (the CLI's <c>--charts</c> data): slower, off by default.</summary>
    public bool ChartData { get; init; }

    /// <summary>Fold each convolution with its normalization and activation into one row of the layer table (the CLI's <c>--group</c>).</summary>
    public bool GroupConvBlocks { get; init; }

    /// <summary>Fold each module deeper than this many module-path components into one row of the layer table (the CLI's <c>--depth N</c>); null: every layer.</summary>
    public int? GroupDepth { get; init; }

    /// <summary>The multi-device options as the CLI reads <c>--gpus</c>, <c>--parallel</c> and <c>--grad-accum</c>; null on one device without accumulation.</summary>
    public DataParallelOptions? Parallel => Gpus > 1 || GradAccum > 1
        ? new DataParallelOptions { Gpus = Gpus, Strategy = Strategy, GradAccum = GradAccum }
        : null;

    /// <summary>
    /// The library's options at a batch (resolved as the CLI does, <see cref="BatchChoice"/>); the models run one after the
    /// other on the browser's single thread. <paramref name="deviceFit"/>: with the chosen GPU's fit (the largest batches,
    /// the CLI's <c>--device</c>), which takes many evaluations; without it the answer at this batch comes first.
    /// </summary>
    public AnalysisOptions ToOptions(long batch, ImmutableDictionary<string, long> dims, bool deviceFit) => new()
    {
        Batch = batch,
        DType = DType,
        Optimizer = Optimizer,
        Dims = dims,
        Freeze = FreezeText.Parse(Freeze),
        Memory = CnnMem.Memory.Profiles.DeviceTable.OnDevice(Memory, Device), // the GPU's architecture, with or without its fit
        Parallel = Parallel,
        ParallelModels = false,
        // the batch chart marks the chosen GPU and its largest batch: computed with the device fit when there is a device
        ChartData = ChartData && (deviceFit || Device is null),
        Device = deviceFit ? Device : null,
        GroupConvBlocks = GroupConvBlocks,
        GroupDepth = GroupDepth,
    };
}
