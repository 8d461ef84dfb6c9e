using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Costs;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Memory.Cuda;
using CnnMem.Reports;
using CnnMem.Memory.Liveness;
using CnnMem.Memory.Models;
using CnnMem.Memory.Profiles;
using CnnMem.Memory.Storages;

namespace CnnMem.Pipeline;

/// <summary>
/// The pipeline from an imported graph to a report:
/// 1. bind the batch (and other symbols) and infer every shape (<see cref="ShapeInference"/>);
/// 2. cost each node: parameters, buffers, MACs, output elements (<see cref="LayerCosts"/>);
/// 3. the textbook memory figures (<see cref="NaiveMemoryModel"/>);
/// 4. the framework memory model (<see cref="InferenceModel"/>, <see cref="TrainingModel"/>, <see cref="DeviceModel"/>);
/// 5. checks that only warn (uneven pooling comes from the rules; tensor-core alignment here);
/// 6. with <see cref="AnalysisOptions.ChartData"/> the training-step timeline and the batch sweep, then the summary
///    (the answer first), with the device fit when <see cref="AnalysisOptions.Device"/> is set;
/// 7. the layer rows folded for a shorter table when <see cref="AnalysisOptions.GroupConvBlocks"/> or
///    <see cref="AnalysisOptions.GroupDepth"/> asks (<see cref="LayerFolding"/>).
/// Pure: the same graph and options always give the same report.
/// </summary>
internal static class Analyzer
{
    public static AnalysisReport Analyze(ModelGraph graph, AnalysisOptions options)
    {
        if (options.Batch < 1)
        {
            throw new CnnMemException($"the batch size must be at least 1, found {options.Batch}");
        }
        if (graph.BatchSymbol is { } symbol && options.Dims.TryGetValue(symbol, out var dimBatch) && dimBatch != options.Batch)
        {
            throw new CnnMemException($"--dim {symbol}={dimBatch} sets the batch, but the batch is {options.Batch}; give one of them");
        }
        if (options.GroupDepth is < 1)
        {
            throw new CnnMemException($"GroupDepth (--depth) must be at least 1 (module path components), found {options.GroupDepth}");
        }
        if (options.GroupConvBlocks && options.GroupDepth is not null)
        {
            throw new CnnMemException("GroupConvBlocks (--group) and GroupDepth (--depth) fold the layer rows in different ways; set one of them");
        }
        // the device's architecture decides cuBLAS's workspaces and which measurements are borrowed
        options = options with { Memory = DeviceTable.OnDevice(options.Memory, options.Device) };
        try
        {
            return Build(graph, options);
        }
        catch (OverflowException e)
        {
            // Each rule's sizes are checked, but sums over layers can still pass 64 bits (found by the spec fuzz test).
            throw new CnnMemException($"{graph.Name}: a total (elements, bytes or MACs) overflows 64 bits at batch {options.Batch}; the network is too large to count", e);
        }
    }

    private static AnalysisReport Build(ModelGraph graph, AnalysisOptions options)
    {
        var inference = Infer(graph, options, options.Batch);
        var layers = LayerCosts.Rows(inference);
        var totals = LayerCosts.Totalize(inference, layers, options.DType, perSample: () => PerSample(graph, options, inference));

        var warnings = inference.Warnings.AddRange(TensorCoreCheck.Warnings(inference, options.DType));
        var memory = Memory(inference, totals, options);
        var memoryAt = options.FrameworkMemory && (options.Device is not null || options.ChartData)
            ? new MemoryAtBatch(graph, options, trains: memory.Training is not null)
            : null;
        if (options.ChartData && memoryAt is not null)
        {
            memory = memory with
            {
                Timeline = memory.Training is { } t ? Timeline(inference, options, t) : null,
                BatchSweep = BatchSweeper.Compute(memoryAt, options.Memory.Backend, options.Batch, options.Device),
            };
        }
        return new AnalysisReport
        {
            Model = graph.Name,
            Source = graph.Source,
            Batch = options.Batch,
            DType = options.DType,
            Optimizer = options.Optimizer,
            Layout = graph.Layout,
            Inputs = inference.Inputs.Select(Tensor).ToImmutableArray(),
            Outputs = inference.Outputs.Select(Tensor).ToImmutableArray(),
            Layers = layers,
            Totals = totals,
            Memory = memory,
            Warnings = warnings,
            Summary = SummaryModel.Compute(totals, memory, options.Device, memoryAt, options.Batch),
            Notes = BatchChoice.Notes(graph, options.Batch),
            InputOp = graph.InputOp,
            Groups = Folded(graph, layers, options),
        };
    }

    private static TensorReport Tensor(TensorInfo t) => new() { Name = t.Name, Shape = t.Shape, DType = t.DType };

    /// <summary>The layer rows folded as the options ask (<see cref="LayerFolding"/>), or none.</summary>
    private static ImmutableArray<FoldedRow> Folded(ModelGraph graph, ImmutableArray<LayerReport> layers, AnalysisOptions options) =>
        options.GroupConvBlocks ? LayerFolding.ConvBlocks(graph, layers)
        : options.GroupDepth is { } depth ? LayerFolding.ByDepth(layers, depth)
        : ImmutableArray<FoldedRow>.Empty;

    private static bool Cuda(AnalysisOptions options) => options.Memory.Backend == Backend.Cuda;

    /// <summary>The training-step timeline: on CUDA the caching allocator's replay, else the requested bytes.</summary>
    private static MemoryTimeline? Timeline(InferenceResult inference, AnalysisOptions options, TrainingMemory t)
    {
        var m = options.Memory;
        if (!Cuda(options) || m.Profile.Allocator is null)
        {
            return TimelineModel.Compute(inference, m, t);
        }
        var (_, levels) = CudaReplay.TrainingSteps(inference, m);
        return TimelineModel.FromReplay(StorageGraphs.Of(inference, m, training: true), levels, t, m.EffectiveContextBytes);
    }

    /// <summary>The textbook figures, and beside them the framework model (inference, training step, device view on CUDA).</summary>
    public static MemoryReport Memory(InferenceResult inference, Totals totals, AnalysisOptions options)
    {
        var report = new MemoryReport { Naive = NaiveMemoryModel.Compute(totals, options.DType, options.Optimizer) };
        if (!options.FrameworkMemory)
        {
            return report;
        }
        // The two models are pure functions of the same inference result: on a multi-core machine they run side by side
        // (unless ParallelModels is off, as in the browser's single thread), each with its CUDA replay.
        var m = options.Memory;
        var trains = inference.Outputs.Any(o => DTypes.IsFloat(o.DType) && o.Shape.IsFullyKnown);
        (TrainingMemory? Plain, CudaRun? Run) Train()
        {
            if (!trains)
            {
                return (null, null);
            }
            var plain = TrainingModel.Compute(inference, m);
            return (plain, MemoryEstimator.TrainingRun(inference, m));
        }
        var training = options.ParallelModels ? Task.Run(Train) : null;
        var inf = InferenceModel.Compute(inference, m);
        var infRun = MemoryEstimator.InferenceRun(inference, m);
        var (train, trainRun) = training is null ? Train() : training.GetAwaiter().GetResult();
        report = report with { Model = Settings(m), Inference = inf, Training = train };
        report = infRun is null ? report : OnDevice(report, inference, options, infRun, trainRun) with
        {
            CudnnWorkspaces = CnnMem.Memory.Cudnn.CudnnWorkspaceUses.Compute(inference, m, training: trainRun is not null),
        };
        return options.Parallel is { } p && report.Training is { } t
            ? report with { Parallel = CnnMem.Memory.Parallel.ParallelAnalysis.Compute(inference, t, m, options.Batch, report.Device?.TrainingRoundingBytes ?? 0, p) }
            : report;
    }

    /// <summary>On CUDA, the framework figures are what the caching allocator counts, and the device view adds what it reserves.</summary>
    private static MemoryReport OnDevice(MemoryReport report, InferenceResult inference, AnalysisOptions options, CudaRun infRun, CudaRun? run)
    {
        var m = options.Memory;
        var inf = DeviceModel.OnDevice(report.Inference!, infRun, StorageGraphs.Of(inference, m, training: false));
        if (report.Training is not { } plain || run is null)
        {
            return report with { Inference = inf, Device = DeviceModel.Compute(m, infRun, null, report.Inference!, null) };
        }
        var g = StorageGraphs.Of(inference, m, training: true);
        return report with
        {
            Inference = inf,
            Training = Checkpointed(DeviceModel.OnDevice(plain, run, g, m), inference, m, run),
            Device = DeviceModel.Compute(m, infRun, run, report.Inference!, plain),
        };
    }

    /// <summary>
    /// The training step as the report gives it (on CUDA what the caching allocator counts) and the bytes the allocator
    /// adds to the requested ones; the multi-device fit reads the same figures as analyze.
    /// </summary>
    public static (TrainingMemory Training, long Rounding) TrainingOnDevice(InferenceResult inference, AnalysisOptions options)
    {
        var m = options.Memory;
        var plain = TrainingModel.Compute(inference, m);
        if (MemoryEstimator.TrainingRun(inference, m) is not { } run)
        {
            return (plain, 0);
        }
        var t = Checkpointed(DeviceModel.OnDevice(plain, run, StorageGraphs.Of(inference, m, training: true), m), inference, m, run);
        return (t, run.PeakAboveStatic - plain.SteadyPeakBytes);
    }

    /// <summary>With checkpointing, what it saves as the allocator counts it: the same step replayed without it, less this replay's peak.</summary>
    private static TrainingMemory Checkpointed(TrainingMemory t, InferenceResult inference, MemoryOptions m, CudaRun run) =>
        m.CheckpointEvery == 0
            ? t
            : t with { CheckpointSavingsBytes = CudaReplay.Training(inference, m with { CheckpointEvery = 0 }).PeakAboveStatic - run.PeakAboveStatic };

    /// <summary>The settings echoed in the report: the profile and every option that changes a figure.</summary>
    public static MemoryModelSettings Settings(MemoryOptions m) => new()
    {
        Framework = m.Framework,
        Backend = m.Backend,
        Mkldnn = m.Backend == Backend.Cpu && m.Mkldnn,
        Threads = m.CpuThreads,
        MixedPrecision = m.MixedPrecision,
        CheckpointEvery = m.CheckpointEvery,
        Alignment = m.Alignment,
        Profile = m.Profile.Label,
        ZeroGrad = m.EffectiveZeroGrad,
        Foreach = m.EffectiveForeach,
        AmpDType = m.MixedPrecision ? m.AmpDType : null,
        ExpandableSegments = m.Backend == Backend.Cuda && m.ExpandableSegments,
        GpuArch = m.Backend == Backend.Cuda ? m.EffectiveGpuArch : null,
        ProfileMeasuredOn = m.Backend == Backend.Cuda ? GpuArchitectures.MeasuredOn : null,
        ProfileBorrowed = m.Backend == Backend.Cuda && !GpuArchitectures.Measured(m.EffectiveGpuArch),
        BlasWorkspaceBytes = m.Backend == Backend.Cuda ? m.EffectiveBlasWorkspaceBytes : null,
    };

    /// <summary>Runs shape inference with the batch symbol bound to <paramref name="batch"/>.</summary>
    public static InferenceResult Infer(ModelGraph graph, AnalysisOptions options, long batch)
    {
        BatchChoice.CheckDimNames(graph, options.Dims);
        var bindings = options.Dims;
        if (graph.BatchSymbol is { } b)
        {
            bindings = bindings.SetItem(b, batch);
        }
        return ShapeInference.Run(graph, new InferenceOptions
        {
            Bindings = bindings,
            FloatDType = options.DType,
            AllowUnknown = options.AllowUnknown,
            Freeze = options.Freeze,
            Registry = options.Registry,
        });
    }

    /// <summary>
    /// The textbook activation count for one sample: exact division when every counted tensor scales with the batch, else a
    /// batch-1 analysis. A file whose constants fix its batch cannot run at batch 1: then it is the mean over the batch (rounded down).
    /// </summary>
    private static long PerSample(ModelGraph graph, AnalysisOptions options, InferenceResult inference)
    {
        var total = LayerCosts.TextbookElements(inference);
        if (options.Batch == 1)
        {
            return total;
        }
        if (total % options.Batch == 0)
        {
            return total / options.Batch;
        }
        try
        {
            return LayerCosts.TextbookElements(Infer(graph, options, 1));
        }
        catch (CnnMemException) when (graph.DefaultBatch is not null)
        {
            return total / options.Batch;
        }
    }
}
