using System.Collections.Immutable;
using CnnMem.Inference;
using CnnMem.Ops;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Storages;

/// <summary>
/// The tables <see cref="StorageGraphBuilder"/>'s steps share while they walk one graph: the storages made so far,
/// which storage each tensor lives in, who reads what, which tensors carry a gradient and what autocast runs each
/// tensor in. Mutable, and private to one <see cref="StorageGraphBuilder.Build"/> call.
/// </summary>
internal sealed class BuildState
{
    internal BuildState(InferenceResult inference, MemoryOptions options, bool training)
    {
        Inference = inference;
        Options = options;
        Training = training;
        Storages = new List<Storage>(inference.Tensors.Count);
        Map = new Dictionary<string, int>(inference.Tensors.Count, StringComparer.Ordinal);
        var facts = StorageGraphs.Facts(inference, options.Profile.FusedAttention);
        Facts = facts;
        Roles = facts.Roles;
        Index = inference.TensorIndex;
        // only training graphs follow gradients (GradientFlow)
        RequiresGrad = new HashSet<string>(training ? inference.Tensors.Count : 0, StringComparer.Ordinal);
        if (training)
        {
            RequiresGrad.UnionWith(facts.TrainableParams);
        }
        Fused = facts.Fused;
        ShapeArithmetic = facts.ShapeArithmetic;
        Precision = new AutocastTypes(options, inference);
        ParamNames = facts.ParamNames;
    }

    internal InferenceResult Inference { get; }

    internal StorageFacts Facts { get; }

    internal MemoryOptions Options { get; }

    internal bool Training { get; }

    internal List<Storage> Storages { get; }

    /// <summary>Tensor name to storage id.</summary>
    internal Dictionary<string, int> Map { get; }

    internal Dictionary<string, (ParamSpec Spec, bool Trainable)> Roles { get; }

    /// <summary>Who produces and reads each tensor (a graph output counts as one more use: <see cref="TensorIndex.Uses"/>).</summary>
    internal TensorIndex Index { get; }

    /// <summary>Tensors that carry a gradient (trainable parameters, then every float output of an op that reads one).</summary>
    internal HashSet<string> RequiresGrad { get; }

    internal ImmutableDictionary<int, FusedSave> Fused { get; }

    internal bool[] ShapeArithmetic { get; }

    /// <summary>Storages some earlier op kept for backward (an op may not then overwrite them in place).</summary>
    internal StorageSet SavedSoFar { get; } = new(1024);

    /// <summary>Tensors that are strided views (PyTorch's transpose); a reshape of one copies.</summary>
    internal HashSet<string> Strided { get; } = new(StringComparer.Ordinal);

    internal AutocastTypes Precision { get; }

    /// <summary>Weights autocast has already cast (each is cast once per forward and cached).</summary>
    internal HashSet<string> Cast { get; } = new(StringComparer.Ordinal);

    /// <summary>Parameter and buffer names (they stay float32 master copies under autocast).</summary>
    internal HashSet<string> ParamNames { get; }

    internal int Add(string name, long bytes, StorageKind kind, int producer)
    {
        Storages.Add(new Storage(Storages.Count, name, bytes, kind, producer));
        return Storages.Count - 1;
    }
}
