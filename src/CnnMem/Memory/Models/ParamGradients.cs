using System.Collections.Immutable;
using CnnMem.Inference;
using CnnMem.Ops;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>Where <see cref="StorageGraphBuilder"/> charges each trainable parameter's gradient.</summary>
internal static class ParamGradients
{
    /// <summary>
    /// Step 4, before the walk so each node is made once: a trainable parameter's gradient is allocated by the
    /// last node that reads it (the first that backward reaches); per node, its parameters' gradients in name order.
    /// </summary>
    internal static ImmutableArray<GradTarget>[] ByLastReader(
        InferenceResult inference, bool[] shapeArithmetic, Dictionary<string, (ParamSpec Spec, bool Trainable)> roles, List<Storage> storages, Dictionary<string, int> map)
    {
        var lastParamReader = new Dictionary<string, int>(roles.Count, StringComparer.Ordinal);
        for (var idx = 0; idx < inference.Nodes.Length; idx++)
        {
            if (shapeArithmetic[idx])
            {
                continue;
            }
            var n = inference.Nodes[idx];
            foreach (var i in n.Inputs)
            {
                // a trainable parameter read as an input (requires grad from the start)
                if (i is not null && roles.TryGetValue(i.Name, out var role) && !role.Spec.IsBuffer && role.Trainable)
                {
                    lastParamReader[i.Name] = idx;
                }
            }
            foreach (var p in n.Result.Params)
            {
                if (inference.IsTrainable(p))
                {
                    lastParamReader[p.Name] = idx;
                }
            }
        }
        var byReader = lastParamReader.ToArray();
        Array.Sort(byReader, static (a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : string.CompareOrdinal(a.Key, b.Key));
        // per node (an array: a dictionary keyed by node was much of this step's garbage on large graphs)
        var grads = new ImmutableArray<GradTarget>[inference.Nodes.Length];
        Array.Fill(grads, ImmutableArray<GradTarget>.Empty);
        for (var start = 0; start < byReader.Length;)
        {
            var end = start;
            while (end < byReader.Length && byReader[end].Value == byReader[start].Value)
            {
                end++;
            }
            var list = ImmutableArray.CreateBuilder<GradTarget>(end - start);
            for (var k = start; k < end; k++)
            {
                list.Add(new GradTarget(byReader[k].Key, storages[map[byReader[k].Key]].Bytes));
            }
            grads[byReader[start].Value] = list.MoveToImmutable();
            start = end;
        }
        return grads;
    }
}
