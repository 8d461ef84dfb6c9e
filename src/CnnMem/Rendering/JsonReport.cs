using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The JSON document's top level. Totals and memory are the report's own records, so figures that
/// later issues add there (memory.inference, memory.training, memory.device) appear without a change
/// here; null sections are omitted.
/// </summary>
public sealed record JsonReport(
    string Model,
    string Source,
    long Batch,
    string Dtype,
    string Optimizer,
    string Layout,
    string Units,
    ReportSummary? Summary,
    IReadOnlyList<JsonTensor> Inputs,
    IReadOnlyList<JsonTensor> Outputs,
    IReadOnlyList<JsonLayer> Layers,
    Totals Totals,
    MemoryReport Memory,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string>? Notes = null);
