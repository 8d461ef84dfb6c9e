using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Reports;
using CnnMem.Memory.Liveness;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// One training step in PyTorch 1.13 semantics:
/// 1. forward (training mode) with the loss; what is live at its end is what autograd keeps;
/// 2. backward, cold (first step: gradients created and kept) and steady (gradients exist, new ones added in);
/// 3. the optimizer step: state, and the temporaries of the path the options take (<see cref="OptimizerModel"/>);
/// 4. steady peak = gradients + state + max(forward, steady backward, step temporaries), above the static bytes.
/// </summary>
internal static class TrainingModel
{
    public static TrainingMemory Compute(InferenceResult inference, MemoryOptions options, Func<long, long>? round = null)
    {
        round ??= static b => b;
        var g = StorageGraphs.Of(inference, options, training: true);
        if (options.CheckpointEvery != 0)
        {
            return Checkpointing.Compute(inference, g, options, round);
        }
        var lifetimes = ForwardPass.Lifetimes(g, training: true, round);
        var forward = ArenaPlanners.LowerBound(lifetimes);
        var after = ForwardPass.LiveAtEnd(lifetimes, g.Nodes.Length);
        var cold = BackwardPass.Run(g, after, steady: false, round);
        var steady = BackwardPass.Run(g, after, steady: true, round);
        return Assemble(g, options, forward.Bytes, InferenceModel.StepName(g, forward.Step), after, cold, steady, round);
    }

    internal static TrainingMemory Assemble(StorageGraph g, MemoryOptions options, long forwardPeak, string forwardAt, long after, PassPeak cold, PassPeak steady, Func<long, long> round)
    {
        var grads = g.TrainableParamBytes;
        var state = OptimizerModel.StateBytes(options, grads, g.TrainableParamTensors);
        var temp = round(OptimizerModel.StepTemporaryBytes(options, g.LargestParamBytes, grads));
        // zero_grad in place keeps the gradients through the step; set to None, backward makes them anew (as the cold step does)
        var steadyPeak = options.EffectiveZeroGrad == ZeroGradMode.Zero
            ? checked(grads + state + Math.Max(forwardPeak, Math.Max(steady.Peak, temp)))
            : checked(state + Math.Max(forwardPeak, Math.Max(cold.Peak, grads + temp)));
        var labels = checked(g.LossRows * DTypes.SizeOf(DType.Int64));
        var statics = checked(g.ParamBytes + g.BufferBytes + g.InputBytes + labels);
        return new TrainingMemory
        {
            Optimizer = options.Optimizer,
            StaticBytes = statics,
            SavedForBackwardBytes = SavedBytes(g),
            ForwardPeakBytes = forwardPeak,
            ForwardPeakAt = forwardAt,
            AfterForwardBytes = after,
            BackwardPeakBytes = cold.Peak,
            BackwardPeakAt = cold.AtNode,
            SteadyBackwardPeakBytes = steady.Peak,
            GradientBytes = grads,
            OptimizerStateBytes = state,
            OptimizerStepTemporaryBytes = temp,
            StepPeakBytes = checked(grads + state + temp),
            SteadyPeakBytes = steadyPeak,
            Layers = Layers(g, options),
            PersistentBytes = checked(g.ParamBytes + g.BufferBytes + grads + state),
        };
    }

    /// <summary>Unique storages kept for backward that are not parameters (the input batch and buffers count, as PyTorch holds them).</summary>
    public static long SavedBytes(StorageGraph g)
    {
        var seen = new StorageSet(g.Storages.Length);
        long total = 0;
        foreach (var n in g.Nodes)
        {
            total = checked(total + NewlyKeptBytes(g, n, seen));
        }
        return total;
    }

    /// <summary>
    /// Bytes of the storages node <paramref name="n"/> keeps that no earlier node kept (parameters and constants excluded).
    /// Plain loops: this runs per node, and LINQ over each node's small arrays was a large share of the garbage.
    /// </summary>
    private static long NewlyKeptBytes(StorageGraph g, NodeMemory n, StorageSet seen)
    {
        long total = 0;
        foreach (var id in n.Saved)
        {
            var s = g.Storages[id];
            if (seen.Add(id) && s.Kind is not StorageKind.Parameter and not StorageKind.Constant)
            {
                total = checked(total + s.Bytes);
            }
        }
        return total;
    }

    private static long Sum(ImmutableArray<GradTarget> targets)
    {
        long total = 0;
        foreach (var t in targets)
        {
            total = checked(total + t.Bytes);
        }
        return total;
    }

    private static ImmutableArray<TrainingLayerMemory> Layers(StorageGraph g, MemoryOptions options)
    {
        var seen = new StorageSet(g.Storages.Length);
        var rows = ImmutableArray.CreateBuilder<TrainingLayerMemory>(g.Nodes.Length);
        long running = 0;
        foreach (var n in g.Nodes)
        {
            var kept = NewlyKeptBytes(g, n, seen);
            var actGrad = n.PassesGradThrough ? 0 : Sum(n.GradInputs);
            var paramBytes = Sum(n.ParamGrads);
            var state = OptimizerModel.StateBytes(options, paramBytes, n.ParamGrads.Length);
            running = checked(running + kept + actGrad + (2 * paramBytes) + state);
            rows.Add(new TrainingLayerMemory
            {
                Name = n.Name,
                Op = n.Op,
                KeptForBackwardBytes = kept,
                ActivationGradientBytes = actGrad,
                ParamAndGradBytes = checked(2 * paramBytes),
                OptimizerStateBytes = state,
                RunningTotalBytes = running,
                WeightBytes = paramBytes,
                WeightGradientBytes = paramBytes,
            });
        }
        return rows.MoveToImmutable();
    }
}
