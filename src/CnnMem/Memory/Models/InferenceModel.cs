using System.Collections.Immutable;
using CnnMem.Inference;
using CnnMem.Reports;
using CnnMem.Memory.Liveness;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// Inference memory by liveness:
/// 1. map the graph onto storages in inference mode (views and in-place ops share, dropout is a no-op);
/// 2. lifetimes from producer to last reader (graph outputs to the end), kernel workspaces for one step;
/// 3. the lower bound is the peak of live bytes; each arena strategy plans offsets, checked never below it.
/// </summary>
internal static class InferenceModel
{
    public static InferenceMemory Compute(InferenceResult inference, MemoryOptions options, Func<long, long>? round = null)
    {
        round ??= static b => b;
        var g = StorageGraphs.Of(inference, options, training: false);
        var lifetimes = ForwardPass.Lifetimes(g, training: false, round);
        var peak = ArenaPlanners.LowerBound(lifetimes);
        var arenas = ImmutableArray.CreateBuilder<ArenaReport>();
        foreach (var (name, planner) in ArenaPlanners.All)
        {
            var plan = planner(lifetimes, options.Alignment);
            if (plan.Total < peak.Bytes)
            {
                throw new InvalidOperationException($"arena strategy '{name}' planned {plan.Total} bytes, below the liveness peak of {peak.Bytes}");
            }
            arenas.Add(new ArenaReport { Strategy = name, Bytes = plan.Total });
        }
        var workspace = g.Nodes.Where(n => n.Index == peak.Step).Sum(n => n.ForwardWorkspace);
        var outputs = g.HeldOutputs.Sum(s => g.Storages[s].Bytes);
        return new InferenceMemory
        {
            WeightBytes = g.ParamBytes,
            BufferBytes = g.BufferBytes,
            InputBytes = g.InputBytes,
            ActivationPeakBytes = peak.Bytes,
            PeakAtLayer = StepName(g, peak.Step),
            WorkspaceAtPeakBytes = workspace,
            OutputBytes = outputs,
            Alignment = options.Alignment,
            Arenas = arenas.ToImmutable(),
        };
    }

    public static string StepName(StorageGraph g, int step) =>
        step < 0 ? "" : step < g.Nodes.Length ? g.Nodes[step].Name : "loss";
}
