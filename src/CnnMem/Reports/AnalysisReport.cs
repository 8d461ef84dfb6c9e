using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Reports;

/// <summary>
/// Everything cnnmem found about one network at one batch size and dtype: an immutable tree of raw
/// numbers (elements, bytes, MACs). Renderers only format it.
/// </summary>
public sealed record AnalysisReport(
    string Model,
    string Source,
    long Batch,
    DType DType,
    Optimizer Optimizer,
    DisplayLayout Layout,
    ImmutableArray<TensorReport> Inputs,
    ImmutableArray<TensorReport> Outputs,
    ImmutableArray<LayerReport> Layers,
    Totals Totals,
    MemoryReport Memory,
    ImmutableArray<string> Warnings)
{
    /// <summary>The answer first: memory to plan with for inference and a training step, parameters, MACs, and the device fit.</summary>
    public ReportSummary? Summary { get; init; }

    /// <summary>
    /// What the model's format calls an input, shown as the op of the input rows: <c>Input</c>, or <c>InputLayer</c> for a
    /// Keras model, whose <c>summary()</c> lists each input as a layer of that class.
    /// </summary>
    public string InputOp { get; init; } = "Input";

    /// <summary>Facts about how the model was analysed that the user did not see coming (a declared batch replaced by --batch).</summary>
    public ImmutableArray<string> Notes { get; init; } = ImmutableArray<string>.Empty;
}
