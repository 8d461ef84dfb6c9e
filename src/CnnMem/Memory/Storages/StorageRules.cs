using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Ops;

namespace CnnMem.Memory.Storages;

/// <summary>The small per-tensor rules <see cref="StorageGraphBuilder"/> applies: what a tensor costs and whether it is a real allocation.</summary>
internal static class StorageRules
{
    /// <summary>Half copies of every float weight read by an op autocast runs in lower precision, each once.</summary>
    internal static long CastWeights(InferenceResult inference, ISet<string> paramNames, DType half)
    {
        var size = DTypes.SizeOf(half);
        return inference.Nodes.Where(n => n.Result.Autocast == AutocastClass.LowerPrecision)
            .SelectMany(n => n.Inputs.OfType<TensorInfo>().Where(i => paramNames.Contains(i.Name) && DTypes.IsFloat(i.DType)).Select(i => (i.Name, i.Elements ?? 0))
                .Concat(n.Result.Params.Where(p => !p.IsBuffer).Select(p => (p.Name, p.Elements))))
            .DistinctBy(w => w.Name)
            .Aggregate(0L, (a, w) => checked(a + (size * w.Item2)));
    }

    /// <summary>True when input <paramref name="k"/> names the same tensor as an earlier input of the node.</summary>
    internal static bool ReadEarlier(ImmutableArray<TensorInfo?> inputs, int k)
    {
        for (var j = 0; j < k; j++)
        {
            if (inputs[j] is { } earlier && earlier.Name == inputs[k]!.Name)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Exporter shape arithmetic (Shape, Gather on shapes, constants: <see cref="OpResult.IsConstant"/>) and anything with a statically known value: not tensors PyTorch allocates.</summary>
    internal static bool IsShapeArithmetic(NodeInference n) =>
        n.Result.IsConstant || (n.Outputs.Length > 0 && n.Outputs.All(o => o.Value is not null || !DTypes.IsFloat(o.DType) && o.Shape.Rank <= 1));

    /// <summary>CUDA's native dropout keeps a 1-byte bool mask; CPU (PyTorch 1.13) keeps a float mask of the activation's type.</summary>
    internal static DType ExtraType(SavedTensor s, MemoryOptions options) =>
        options.Profile.BoolDropoutMask && s.IsMask && DTypes.IsFloat(s.DType ?? DType.Float32) ? DType.Bool : s.DType ?? DType.Float32;

    /// <summary>Every parameter and buffer, each once (the first node that charges it), with whether it is trainable.</summary>
    internal static Dictionary<string, (ParamSpec Spec, bool Trainable)> ParamRoles(InferenceResult inference)
    {
        var roles = new Dictionary<string, (ParamSpec Spec, bool Trainable)>(StringComparer.Ordinal);
        foreach (var n in inference.Nodes)
        {
            foreach (var p in n.Params)
            {
                roles.TryAdd(p.Name, (p, inference.IsTrainable(p)));
            }
        }
        return roles;
    }

    /// <summary>Per storage, the last forward step that reads it (its producer when nothing does).</summary>
    internal static int[] LastForwardReaders(InferenceResult inference, List<Storage> storages, Dictionary<string, int> map)
    {
        var lastReader = new int[storages.Count];
        for (var k = 0; k < lastReader.Length; k++)
        {
            lastReader[k] = storages[k].Producer;
        }
        var index = inference.TensorIndex;
        foreach (var (name, s) in map)
        {
            var readers = index.Readers(name);
            if (readers.Length > 0)
            {
                lastReader[s] = Math.Max(lastReader[s], readers[^1]); // readers in graph order: the last is the latest
            }
        }
        ModuleScopes.ExtendToCallEnd(inference, storages, map, lastReader);
        return lastReader;
    }

    /// <summary>Removes adjacent repeats from a sorted list, in place.</summary>
    internal static void DropRepeats(List<int> sorted)
    {
        var kept = 0;
        for (var k = 0; k < sorted.Count; k++)
        {
            if (k == 0 || sorted[k] != sorted[kept - 1])
            {
                sorted[kept++] = sorted[k];
            }
        }
        sorted.RemoveRange(kept, sorted.Count - kept);
    }
}
