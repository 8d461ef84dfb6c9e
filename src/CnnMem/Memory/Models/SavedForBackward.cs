using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// Step 3 of <see cref="StorageGraphBuilder"/>, training only: what a node keeps for backward.
/// 1. a decomposed fused op (LayerNorm, GELU, SiLU) keeps what the fused op keeps (<see cref="FusedPatterns"/>);
/// 2. otherwise each of the rule's <see cref="OpResult.Saved"/> entries whose <see cref="SaveCondition"/> holds becomes
///    a reference to an input's or output's storage, or a new extra storage (masks as bool on CUDA);
/// 3. a layer that saves its running statistics holds its float buffers by reference.
/// The result is sorted and each storage listed once.
/// </summary>
internal static class SavedForBackward
{
    internal static void Collect(BuildState s, int idx, List<int> inputStorage, List<int> saved, ImmutableArray<int>.Builder extras)
    {
        extras.Clear();
        saved.Clear();
        if (!s.Training)
        {
            return;
        }
        var n = s.Inference.Nodes[idx];
        if (!GradientFlow.Participates(s, n))
        {
            // autograd records no node for an op none of whose inputs or parameters requires a gradient (a frozen prefix)
            return;
        }
        if (s.Fused.TryGetValue(idx, out var fusedSave))
        {
            FusedSaves(s, idx, fusedSave, saved, extras);
        }
        else
        {
            RuleSaves(s, idx, n, inputStorage, saved, extras);
        }
        saved.Sort();
        StorageRules.DropRepeats(saved);
        foreach (var id in saved)
        {
            s.SavedSoFar.Add(id);
        }
    }

    /// <summary>Step 1: what the fused op keeps, by reference, and its statistics as new storages.</summary>
    private static void FusedSaves(BuildState s, int idx, FusedSave fusedSave, List<int> saved, ImmutableArray<int>.Builder extras)
    {
        foreach (var t in fusedSave.Tensors)
        {
            if (s.Map.TryGetValue(t, out var id))
            {
                saved.Add(id);
            }
        }
        foreach (var e in fusedSave.Extras)
        {
            // the fused op's statistics are float32 whatever autocast does (layer_norm is on its float32 list)
            var id = s.Add(e.Name, e.Elements is { } el ? checked(el * DTypes.SizeOf(e.DType)) : 0, StorageKind.SavedExtra, idx);
            extras.Add(id);
            saved.Add(id);
        }
    }

    /// <summary>Steps 2 and 3: the rule's saved entries whose condition holds, then its running statistics.</summary>
    private static void RuleSaves(BuildState s, int idx, Inference.NodeInference n, List<int> inputStorage, List<int> saved, ImmutableArray<int>.Builder extras)
    {
        foreach (var x in n.Result.Saved)
        {
            if (!Holds(s, x, n))
            {
                continue;
            }
            switch (x.Source)
            {
                case SavedSource.Input when x.Index < inputStorage.Count && inputStorage[x.Index] >= 0:
                    saved.Add(inputStorage[x.Index]);
                    break;
                case SavedSource.Output when x.Index < n.Outputs.Length:
                    saved.Add(s.Map[n.Outputs[x.Index].Name]);
                    break;
                case SavedSource.Extra when x.Shape is { } shape && shape.Elements is { } e:
                    var id = s.Add($"{n.Node.Name}.{x.What}", checked(e * DTypes.SizeOf(StorageRules.ExtraType(x, s.Options))), StorageKind.SavedExtra, idx);
                    extras.Add(id);
                    saved.Add(id);
                    break;
            }
        }
        if (n.Result.SavesRunningStats)
        {
            RunningStats(s, n, inputStorage, saved);
        }
    }

    /// <summary>A normalization that keeps its running statistics: the buffers it reads, as inputs or as its own parameters.</summary>
    // apart from Collect: its lambdas' captures would otherwise be allocated on every node's call
    private static void RunningStats(BuildState s, Inference.NodeInference n, List<int> inputStorage, List<int> saved)
    {
        saved.AddRange(n.Result.BufferInputs.Where(b => b < inputStorage.Count && inputStorage[b] >= 0).Select(b => inputStorage[b]));
        saved.AddRange(n.Params.Where(p => p.IsBuffer && DTypes.IsFloat(p.DType) && s.Map.ContainsKey(p.Name)).Select(p => s.Map[p.Name]));
    }

    /// <summary>Whether the condition the rule states for this saved operand holds for this node's inputs.</summary>
    private static bool Holds(BuildState s, SavedTensor x, Inference.NodeInference n)
    {
        var inputs = n.Inputs;
        if (x.Condition == SaveCondition.WeightRequiresGrad)
        {
            return GradientFlow.OwnsTrainableParam(s, n) || inputs.Skip(1).Any(i => i is not null && s.Roles.ContainsKey(i.Name) && s.RequiresGrad.Contains(i.Name));
        }
        if (x.Source != SavedSource.Input || inputs.Length < 2 || x.Index > 1)
        {
            return true;
        }
        bool Needs(int i) => inputs[i] is { } t && s.RequiresGrad.Contains(t.Name);
        return x.Condition switch
        {
            SaveCondition.OtherOperandRequiresGrad => Needs(1 - x.Index),
            SaveCondition.DenominatorRequiresGrad => x.Index == 1 || Needs(1),
            _ => true,
        };
    }
}
