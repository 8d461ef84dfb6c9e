using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The JSON document's top level: the schema. <see cref="JsonReportWriter"/> streams this document
/// straight from the report; <see cref="JsonReferenceSerializer"/> builds it and serializes it, and
/// the tests hold the two to the same bytes. Totals and memory are the report's own records, so a
/// figure added there appears in the reference at once (and the tests say where the writer lacks it);
/// null sections are omitted.
/// </summary>
internal sealed record JsonReport(
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
