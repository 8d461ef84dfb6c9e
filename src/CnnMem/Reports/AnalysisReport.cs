using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Reports;

/// <summary>
/// Everything cnnmem found about one network at one batch size and dtype: an immutable tree of raw
/// numbers (elements, bytes, MACs). Renderers only format it.
/// </summary>
public sealed record AnalysisReport
{
    /// <summary>The network's name (the built-in's, the spec's, the file's graph name).</summary>
    public required string Model { get; init; }

    /// <summary>Where the network came from: a file path, or the built-in's name.</summary>
    public required string Source { get; init; }

    /// <summary>The batch size the figures are for.</summary>
    public required long Batch { get; init; }

    /// <summary>The element type of the float tensors (activations, weights).</summary>
    public required DType DType { get; init; }

    /// <summary>The optimizer whose state the training figures include.</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>The layout shapes are shown in (channels first or last, as the model's format writes them).</summary>
    public required DisplayLayout Layout { get; init; }

    /// <summary>The graph's inputs, with their shapes at this batch.</summary>
    public required ImmutableArray<TensorReport> Inputs { get; init; }

    /// <summary>The graph's outputs, with their shapes at this batch.</summary>
    public required ImmutableArray<TensorReport> Outputs { get; init; }

    /// <summary>One row per layer, in graph order.</summary>
    public required ImmutableArray<LayerReport> Layers { get; init; }

    /// <summary>The textbook sums over the layers: activation elements, parameters, MACs.</summary>
    public required Totals Totals { get; init; }

    /// <summary>The memory figures: the textbook estimate and the framework model.</summary>
    public required MemoryReport Memory { get; init; }

    /// <summary>What the analysis could not count exactly or found suspicious, one sentence each.</summary>
    public ImmutableArray<string> Warnings { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The answer first: memory to plan with for inference and a training step, parameters, MACs, and the device fit.</summary>
    public ReportSummary? Summary { get; init; }

    /// <summary>
    /// What the model's format calls an input, shown as the op of the input rows: <c>Input</c>, or <c>InputLayer</c> for a
    /// Keras model, whose <c>summary()</c> lists each input as a layer of that class.
    /// </summary>
    public string InputOp { get; init; } = "Input";

    /// <summary>Facts about how the model was analysed that the user did not see coming (a declared batch replaced by --batch).</summary>
    public ImmutableArray<string> Notes { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// The layer rows folded for a shorter table, in graph order, when <see cref="AnalysisOptions.GroupConvBlocks"/> or
    /// <see cref="AnalysisOptions.GroupDepth"/> asked for them (the CLI's <c>--group</c>, <c>--depth N</c>); empty otherwise.
    /// The table renderers show them instead of <see cref="Layers"/>; JSON and CSV list every layer.
    /// </summary>
    public ImmutableArray<FoldedRow> Groups { get; init; } = ImmutableArray<FoldedRow>.Empty;
}
