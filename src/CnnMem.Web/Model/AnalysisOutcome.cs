using CnnMem.Graphs;
using CnnMem.Reports;

namespace CnnMem.Web.Model;

/// <summary>One analysis: the report, or the error a person reads (with its place in the spec when known).</summary>
internal sealed record AnalysisOutcome(AnalysisReport? Report, ModelGraph? Graph, string? Error, ErrorLocation? Location, TimeSpan Elapsed);
