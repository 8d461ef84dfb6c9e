using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Storages;

/// <summary>
/// Maps an inferred graph onto storages, the way the framework would hold them, as a list of named steps:
/// 1. <see cref="StaticStorages"/>: inputs, parameters and buffers (integer shape arithmetic costs nothing);
/// 2. per node, <see cref="OutputPlacement"/>: views, in-place results and new storages (in autocast's types);
/// 3. per node, <see cref="SavedForBackward"/>: what training keeps for backward, from what the op rule declares;
/// 4. per node, <see cref="GradientFlow"/>: which gradients its backward makes; trainable parameters' gradients are
///    charged to their last reader (<see cref="ParamGradients"/>) (training graphs only: an inference graph has none);
/// 5. per node, its kernel workspaces (<see cref="Workspaces"/>, from the kind the rule declares);
/// 6. the loss (cross-entropy on the logits) and autocast's cached half weights.
/// Every step reads only what rules declare (<see cref="Ops.OpResult"/>); none matches op names.
/// </summary>
internal static class StorageGraphBuilder
{
    public static StorageGraph Build(InferenceResult inference, MemoryOptions options, bool training)
    {
        var s = new BuildState(inference, options, training);
        var totals = StaticStorages.Add(s);
        // an inference graph has no gradients: step 4's work (and its garbage) is for training graphs only
        var paramGrads = training ? ParamGradients.ByLastReader(inference, s.ShapeArithmetic, s.Roles, s.Storages, s.Map) : null;
        var nodes = ImmutableArray.CreateBuilder<NodeMemory>(inference.Nodes.Length);
        // per-node scratch reused for every node: on large graphs, fresh lists per node were much of the garbage
        var scratch = new NodeScratch();
        for (var idx = 0; idx < inference.Nodes.Length; idx++)
        {
            nodes.Add(Node(s, idx, scratch, paramGrads));
        }
        var lastReader = StorageRules.LastForwardReaders(inference, s.Storages, s.Map);
        var held = inference.Graph.Outputs.Where(s.Map.ContainsKey).Select(o => s.Map[o]).ToImmutableHashSet();
        var logits = inference.Outputs.FirstOrDefault(o => DTypes.IsFloat(o.DType) && o.Shape.IsFullyKnown && o.Shape.Rank >= 1);
        var dims = logits?.Shape.ToLongs() ?? Array.Empty<long>();
        return new StorageGraph(s.Storages.ToImmutableArray(), s.Map.AsReadOnly(), nodes.MoveToImmutable(), ImmutableCollectionsMarshal.AsImmutableArray(lastReader), held)
        {
            TrainableParamBytes = totals.TrainableBytes,
            TrainableParamTensors = totals.TrainableTensors,
            LargestParamBytes = totals.Largest,
            ParamBytes = totals.ParamBytes,
            BufferBytes = totals.BufferBytes,
            InputBytes = totals.InputBytes,
            LossRows = dims.Length == 0 ? 0 : dims[..^1].Aggregate(1L, (a, d) => checked(a * d)),
            LossClasses = dims.Length == 0 ? 0 : dims[^1],
            LossElementBytes = logits is null ? 4 : DTypes.SizeOf(s.Precision.TypeOf(logits)),
            LossTensor = logits?.Name,
            CastWeightBytes = options.MixedPrecision ? StorageRules.CastWeights(inference, s.ParamNames, options.AmpDType) : 0,
        };
    }

    /// <summary>Step 6, per node: under autocast, the half copies of the float weights an op on the lower-precision list casts first.</summary>
    private static ImmutableArray<GradTarget> CastWeights(BuildState s, NodeInference n)
    {
        if (!s.Options.MixedPrecision || n.Result.Autocast != Ops.AutocastClass.LowerPrecision)
        {
            return ImmutableArray<GradTarget>.Empty;
        }
        var size = DTypes.SizeOf(s.Options.AmpDType);
        var cast = ImmutableArray.CreateBuilder<GradTarget>();
        foreach (var i in n.Inputs)
        {
            if (i is not null && DTypes.IsFloat(i.DType) && s.Roles.TryGetValue(i.Name, out var role) && !role.Spec.IsBuffer && s.Cast.Add(i.Name))
            {
                cast.Add(new GradTarget(i.Name, checked((i.Elements ?? 0) * size)));
            }
        }
        foreach (var p in n.Result.Params)
        {
            if (!p.IsBuffer && s.Cast.Add(p.Name))
            {
                cast.Add(new GradTarget(p.Name, checked(p.Elements * size)));
            }
        }
        return cast.ToImmutable();
    }

    private static NodeMemory Node(BuildState s, int idx, NodeScratch x, ImmutableArray<GradTarget>[]? paramGrads)
    {
        var n = s.Inference.Nodes[idx];
        if (s.ShapeArithmetic[idx])
        {
            foreach (var o in n.Outputs)
            {
                s.Map[o.Name] = s.Add(o.Name, 0, StorageKind.Constant, idx);
            }
            return new NodeMemory(idx, n.Node.Name, n.Node.Op);
        }
        x.InputStorage.Clear();
        foreach (var input in n.Inputs)
        {
            x.InputStorage.Add(input is not null && s.Map.TryGetValue(input.Name, out var id) ? id : -1);
        }
        var (viewOf, inPlace) = OutputPlacement.Place(s, idx, x.InputStorage, x.Allocates);
        SavedForBackward.Collect(s, idx, x.InputStorage, x.Saved, x.Extras);
        if (s.Training)
        {
            GradientFlow.Mark(s, idx, x.GradInputs, x.GradOutputs);
        }
        else
        {
            x.GradInputs.Clear();
            x.GradOutputs.Clear();
        }
        var calls = s.Training ? Workspaces.BackwardCalls(n, s.Options) : (Data: 0L, Filter: 0L);
        return new NodeMemory(idx, n.Node.Name, n.Node.Op)
        {
            Allocates = x.Allocates.ToImmutable(),
            Extras = x.Extras.ToImmutable(),
            Saved = x.Saved.Count == 0 ? ImmutableArray<int>.Empty : ImmutableArray.CreateRange(x.Saved),
            GradOutputs = x.GradOutputs.ToImmutable(),
            GradInputs = x.GradInputs.ToImmutable(),
            PassesGradThrough = viewOf is not null,
            InPlace = inPlace,
            ForwardWorkspace = Workspaces.Forward(n, s.Options, s.Training),
            BackwardWorkspace = s.Training ? Workspaces.Backward(n, s.Options) : 0,
            BackwardDataWorkspace = calls.Data,
            BackwardFilterWorkspace = calls.Filter,
            ParamGrads = paramGrads?[idx] ?? ImmutableArray<GradTarget>.Empty,
            CastWeights = CastWeights(s, n),
        };
    }
}
