using System.Collections.Immutable;
using CnnMem.Rendering.Charts;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The charts as standalone SVG documents, for the CLI (--charts), the HTML report and the browser app. Each returns
/// null when the report lacks the data (no training model; no timeline or batch sweep, which the analysis computes
/// only with <c>AnalysisOptions.ChartData</c>). Pure formatting of report fields; no reflection, no native code.
/// </summary>
public static class SvgCharts
{
    /// <summary>Training memory per layer (kept for backward, gradients, parameters and optimizer state) as an SVG document; null without a training model.</summary>
    public static string? PerLayerMemory(AnalysisReport report) => Svg(PerLayerChart.Build(report));

    /// <summary>Allocated memory over one training step as an SVG document; null unless the analysis ran with <c>AnalysisOptions.ChartData</c> and a training model.</summary>
    public static string? TrainingTimeline(AnalysisReport report) => Svg(TimelineChart.Build(report));

    /// <summary>Inference and training memory against the batch size as an SVG document; null unless the analysis ran with <c>AnalysisOptions.ChartData</c>.</summary>
    public static string? MemoryVsBatch(AnalysisReport report) => Svg(BatchChart.Build(report));

    /// <summary>Every chart the report has data for, as primitives (the PNG painter draws these).</summary>
    internal static ImmutableArray<Chart> All(AnalysisReport report) =>
        new[] { PerLayerChart.Build(report), TimelineChart.Build(report), BatchChart.Build(report) }.OfType<Chart>().ToImmutableArray();

    private static string? Svg(Chart? chart) => chart is null ? null : SvgWriter.Write(chart);
}
