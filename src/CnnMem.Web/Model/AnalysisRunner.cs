using System.Diagnostics;
using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Import.Spec;
using CnnMem.Pipeline;

namespace CnnMem.Web.Model;

/// <summary>Runs the library's pipeline for the page: import (spec or ONNX graph), then <see cref="Analyzer"/>.</summary>
internal static class AnalysisRunner
{
    public static AnalysisOutcome Run(ModelSource source, WebSettings settings)
    {
        var clock = Stopwatch.StartNew();
        ModelGraph? graph = null;
        try
        {
            graph = source.Onnx ?? SpecParser.Parse(source.Spec, source.SpecFileName);
            var report = Analyzer.Analyze(graph, settings.ToOptions(source.DefaultBatch));
            return new AnalysisOutcome(report, graph, null, null, clock.Elapsed);
        }
        catch (CnnMemException e)
        {
            var location = source.Onnx is null ? ErrorLocation.TryParse(e.Message, source.SpecFileName) : null;
            return new AnalysisOutcome(null, graph, e.Message, location, clock.Elapsed);
        }
    }
}
