using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Memory;
using CnnMem.Ops;
using CnnMem.Reports;

namespace CnnMem.Analysis;

/// <summary>
/// The pipeline from an imported graph to a report:
/// 1. bind the batch (and other symbols) and infer every shape (<see cref="ShapeInference"/>);
/// 2. cost each node: parameters, buffers, MACs, output elements (<see cref="LayerCosts"/>);
/// 3. the textbook memory figures (<see cref="NaiveMemoryModel"/>);
/// 4. the framework memory model (<see cref="InferenceModel"/>, <see cref="TrainingModel"/>, <see cref="DeviceModel"/>);
/// 5. checks that only warn (uneven pooling comes from the rules; tensor-core alignment here).
/// Pure: the same graph and options always give the same report.
/// </summary>
public static class Analyzer
{
    public static AnalysisReport Analyze(ModelGraph graph, AnalysisOptions options)
    {
        if (options.Batch < 1)
        {
            throw new CnnMemException($"the batch size must be at least 1, found {options.Batch}");
        }
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
        return new AnalysisReport(
            graph.Name,
            graph.Source,
            options.Batch,
            options.DType,
            options.Optimizer,
            graph.Layout,
            inference.Inputs.Select(i => new TensorReport(i.Name, i.Shape, i.DType)).ToImmutableArray(),
            inference.Outputs.Select(o => new TensorReport(o.Name, o.Shape, o.DType)).ToImmutableArray(),
            layers,
            totals,
            Memory(inference, totals, options),
            warnings);
    }

    /// <summary>The textbook figures, and beside them the framework model (inference, training step, device view on CUDA).</summary>
    public static MemoryReport Memory(InferenceResult inference, Totals totals, AnalysisOptions options)
    {
        var report = new MemoryReport(NaiveMemoryModel.Compute(totals, options));
        if (!options.FrameworkMemory)
        {
            return report;
        }
        // The two models are pure functions of the same inference result: on a multi-core machine they run side by side.
        var trains = inference.Outputs.Any(o => DTypes.IsFloat(o.DType) && o.Shape.IsFullyKnown);
        var training = trains ? Task.Run(() => TrainingModel.Compute(inference, options.Memory, options.Optimizer)) : null;
        var inf = InferenceModel.Compute(inference, options.Memory);
        var train = training?.GetAwaiter().GetResult();
        var m = options.Memory;
        return report with
        {
            Model = Settings(m),
            Inference = inf,
            Training = train,
            Device = options.Memory.Backend == Backend.Cuda ? DeviceModel.Compute(inference, options.Memory, options.Optimizer, inf, train) : null,
        };
    }

    /// <summary>The settings echoed in the report: the profile and every option that changes a figure.</summary>
    public static MemoryModelSettings Settings(MemoryOptions m) => new(
        m.Framework == Framework.PyTorch2 ? "pytorch-2" : "pytorch-1.13",
        m.Backend == Backend.Cuda ? "cuda" : "cpu",
        m.Backend == Backend.Cpu && m.Mkldnn,
        m.CpuThreads,
        m.MixedPrecision,
        m.CheckpointEvery,
        m.Alignment)
    {
        Profile = m.Profile.Label,
        ZeroGrad = m.EffectiveZeroGrad == ZeroGradMode.SetToNone ? "set-to-none" : "zero",
        Foreach = m.EffectiveForeach,
        AmpDType = m.MixedPrecision ? DTypes.Name(m.AmpDType) : null,
        ExpandableSegments = m.Backend == Backend.Cuda && m.ExpandableSegments,
    };

    /// <summary>Runs shape inference with the batch symbol bound to <paramref name="batch"/>.</summary>
    public static InferenceResult Infer(ModelGraph graph, AnalysisOptions options, long batch)
    {
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
            Registry = options.Registry,
        });
    }

    /// <summary>The textbook activation count for one sample: exact division when every counted tensor scales with the batch, else a batch-1 analysis.</summary>
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
        return LayerCosts.TextbookElements(Infer(graph, options, 1));
    }
}
