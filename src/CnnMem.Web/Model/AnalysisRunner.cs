using System.Collections.Immutable;
using System.Diagnostics;
using CnnMem.Graphs;
using CnnMem.Import.Spec;
using CnnMem.Pipeline;

namespace CnnMem.Web.Model;

/// <summary>
/// Runs the library's pipeline for the page, as the CLI's analyze and fit do:
/// 1. the graph: the model source's (zoo, ONNX, Keras) or the editor's spec parsed;
/// 2. the batch and symbol values as the CLI resolves them (<see cref="BatchChoice"/>: the batch field, else the file's
///    declared batch, else 64 for built-ins and 1 for files), keeping only the dims the model has;
/// 3. <see cref="Analyzer"/>; with <c>deviceFit</c> and a GPU chosen, with its fit (the summary's largest batches, from
///    the same solver <c>cnnmem fit</c> uses) and, with several GPUs, <see cref="Pipeline.ParallelFit"/> as
///    <c>fit --gpus</c> calls it.
/// The page first runs without the device fit (the answer at this batch at once), then with it.
/// </summary>
internal static class AnalysisRunner
{
    /// <summary>Whether a second run with the device fit follows the first.</summary>
    public static bool HasDeviceFit(WebSettings settings) => settings.Device is not null;

    public static AnalysisOutcome Run(ModelSource source, WebSettings settings, bool deviceFit = true)
    {
        var clock = Stopwatch.StartNew();
        ModelGraph? graph = null;
        try
        {
            graph = source.Graph ?? SpecParser.Parse(source.Spec, source.SpecFileName);
            var dims = DimsOf(graph, settings.Dims);
            var batch = BatchChoice.Resolve(graph, settings.Batch, dims, source.FallbackBatch);
            var withFit = deviceFit && HasDeviceFit(settings);
            var options = settings.ToOptions(batch, dims, withFit);
            var report = Analyzer.Analyze(graph, options);
            var perDevice = withFit && options.Parallel is { } p && report.Memory.Training is not null && report.Summary?.DeviceBytes is { } budget
                ? Batch(ParallelFit.Fit(graph, FitOptions(options), p, budget))
                : null;
            return new AnalysisOutcome(report, graph, null, null, clock.Elapsed)
            {
                FitPending = !withFit && HasDeviceFit(settings),
                ParallelFit = perDevice,
            };
        }
        catch (CnnMemException e)
        {
            var location = source.Graph is null ? ErrorLocation.TryParse(e.Message, source.SpecFileName) : null;
            return new AnalysisOutcome(null, graph, e.Message, location, clock.Elapsed);
        }
    }

    /// <summary>The model's symbolic input dimensions other than the batch, which the page offers a field for each.</summary>
    public static IReadOnlyList<string> Symbols(ModelGraph graph) =>
        BatchChoice.Symbols(graph).Where(s => s != graph.BatchSymbol).ToList();

    /// <summary>The values given for this model's symbols (a value left from another model is not an error here).</summary>
    private static ImmutableDictionary<string, long> DimsOf(ModelGraph graph, ImmutableDictionary<string, long> dims)
    {
        var names = Symbols(graph);
        return dims.Where(d => names.Contains(d.Key)).ToImmutableDictionary(StringComparer.Ordinal);
    }

    private static ParallelBatch Batch(ParallelFitResult r) =>
        new(r.Strategy, r.Gpus, r.GradAccum, r.Fit.Batch, r.GlobalBatch, r.Fit.BytesAtBatch, r.Fit.HeadroomBytes);

    /// <summary>The options <c>cnnmem fit</c> builds from the model options (no batch, device or parallel of their own).</summary>
    private static AnalysisOptions FitOptions(AnalysisOptions o) => new()
    {
        DType = o.DType,
        Dims = o.Dims,
        AllowUnknown = o.AllowUnknown,
        Freeze = o.Freeze,
        Optimizer = o.Optimizer,
        Memory = o.Memory, // WebSettings.ToOptions set the GPU's architecture
        Registry = o.Registry,
        ParallelModels = false,
    };
}
