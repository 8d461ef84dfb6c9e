using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops;

namespace CnnMem.Analysis;

/// <summary>What to analyse: batch size, element type, optimizer and extra symbol bindings.</summary>
public sealed record AnalysisOptions
{
    /// <summary>The batch size the batch symbol (usually <c>N</c>) is bound to; at least 1.</summary>
    public long Batch { get; init; } = 1;

    /// <summary>The element type of the float tensors (activations, weights).</summary>
    public DType DType { get; init; } = DType.Float32;

    /// <summary>The optimizer whose state the training figures include.</summary>
    public Optimizer Optimizer { get; init; } = Optimizer.Sgd;

    /// <summary>Values for symbolic dims other than the batch (<c>--dim NAME=VALUE</c>).</summary>
    public ImmutableDictionary<string, long> Dims { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>Whether an unsupported op is reported (with unknown figures) instead of failing the analysis.</summary>
    public bool AllowUnknown { get; init; }

    /// <summary>The op rules to use (the library's own by default).</summary>
    internal OpRegistry Registry { get; init; } = OpRegistry.Default;

    /// <summary>The framework memory model's settings (backend, mixed precision, checkpointing, device overheads).</summary>
    internal Memory.MemoryOptions Memory { get; init; } = new();

    /// <summary>Whether to run the framework memory model beside the textbook figures.</summary>
    public bool FrameworkMemory { get; init; } = true;
}
