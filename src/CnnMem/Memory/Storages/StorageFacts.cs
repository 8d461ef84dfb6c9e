using System.Collections.Immutable;
using CnnMem.Inference;
using CnnMem.Ops;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Storages;

/// <summary>
/// What every storage graph of one inference result reads and none changes: parameter roles, the
/// nodes that are integer shape arithmetic and the fused patterns. Found once per inference result
/// (<see cref="StorageGraphs.Facts"/>) and shared by its inference and training graphs.
/// </summary>
internal sealed class StorageFacts
{
    internal StorageFacts(InferenceResult inference, bool fusedAttention)
    {
        Roles = StorageRules.ParamRoles(inference);
        TrainableParams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, (spec, trainable)) in Roles)
        {
            if (!spec.IsBuffer && trainable)
            {
                TrainableParams.Add(name);
            }
        }
        Fused = FusedPatterns.Find(inference, fusedAttention);
        ShapeArithmetic = new bool[inference.Nodes.Length];
        for (var idx = 0; idx < ShapeArithmetic.Length; idx++)
        {
            ShapeArithmetic[idx] = StorageRules.IsShapeArithmetic(inference.Nodes[idx]);
        }
        ParamNames = new HashSet<string>(Roles.Keys, StringComparer.Ordinal);
        RolesByName = Roles.ToArray();
        Array.Sort(RolesByName, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        InitializerNames = inference.Graph.Initializers.Keys.ToArray();
    }

    /// <summary><see cref="Roles"/> in name order (the order parameters become storages).</summary>
    internal KeyValuePair<string, (ParamSpec Spec, bool Trainable)>[] RolesByName { get; }

    /// <summary>The graph's initializers' names, in the graph's order.</summary>
    internal string[] InitializerNames { get; }

    /// <summary>Every parameter and buffer, with whether it is trainable (read-only once built).</summary>
    internal Dictionary<string, (ParamSpec Spec, bool Trainable)> Roles { get; }

    /// <summary>The trainable parameters: where the tensors that require a gradient start.</summary>
    internal HashSet<string> TrainableParams { get; }

    internal ImmutableDictionary<int, FusedSave> Fused { get; }

    internal bool[] ShapeArithmetic { get; }

    internal HashSet<string> ParamNames { get; }
}
