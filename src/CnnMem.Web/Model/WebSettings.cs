using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Memory;
using CnnMem.Rendering;

namespace CnnMem.Web.Model;

/// <summary>
/// The analysis settings the page edits: the CLI's analyze options, with the CLI's defaults. The framework
/// model's settings are the library's own <see cref="MemoryOptions"/> record, edited in place with <c>with</c>,
/// so an option added there needs only a control in the settings panel.
/// </summary>
public sealed record WebSettings
{
    /// <summary>Null: the CLI's default (64 for built-in networks and the spec editor, 1 for model files).</summary>
    public long? Batch { get; init; }

    public DType DType { get; init; } = DType.Float32;

    public Optimizer Optimizer { get; init; } = Optimizer.Sgd;

    public UnitSystem Units { get; init; } = UnitSystem.Si;

    /// <summary>The CLI's defaults: PyTorch 2.x on CUDA.</summary>
    public MemoryOptions Memory { get; init; } = new() { Framework = Framework.PyTorch2, Backend = Backend.Cuda };

    /// <summary>Frozen parameters, as <see cref="FreezeText"/> reads them: <c>* +fc*</c> freezes all but the classifier.</summary>
    public string Freeze { get; init; } = "";

    /// <summary>A GPU of <see cref="DeviceTable"/> whose memory the answer is held against, or null.</summary>
    public string? Device { get; init; }

    /// <summary>Also compute the training-step timeline and memory against batch (the CLI's <c>--charts</c> data): slower, off by default.</summary>
    public bool ChartData { get; init; }

    /// <summary>The library's options; the models run one after the other on the browser's single thread.</summary>
    public AnalysisOptions ToOptions(long defaultBatch) => new()
    {
        Batch = Batch ?? defaultBatch,
        DType = DType,
        Optimizer = Optimizer,
        Freeze = FreezeText.Parse(Freeze),
        Memory = Memory,
        ParallelModels = false,
        ChartData = ChartData,
        // the batch chart marks the chosen GPU and its largest batch
        Device = ChartData ? Device : null,
    };
}
