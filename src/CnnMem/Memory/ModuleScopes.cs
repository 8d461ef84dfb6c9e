using CnnMem.Inference;

namespace CnnMem.Memory;

/// <summary>
/// Python keeps a module's argument alive for the whole call: a block that reads its input early (RegNet runs its
/// projection shortcut first) still holds it until it returns. torch.onnx names each node by its module path
/// (<c>/trunk_output/block1/block1-0/f/a/a.0/Conv</c>), so:
/// 1. a storage's readers after its last writer (an in-place op writes the storage it reads) are its consumers;
/// 2. when two or more consumers share a module scope that did not produce the storage, it is that block's argument;
/// 3. it lives until the last node of that block.
/// Graphs without such names (specs, other exporters) keep plain last-reader lifetimes.
/// </summary>
internal static class ModuleScopes
{
    internal static void ExtendToCallEnd(InferenceResult inference, List<Storage> storages, Dictionary<string, int> map, int[] lastReader)
    {
        var nodes = inference.Nodes;
        if (nodes.Length == 0 || !nodes[0].Node.Name.StartsWith('/'))
        {
            return;
        }
        var scopeEnd = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastWriter = new int[storages.Count];
        Array.Fill(lastWriter, -1);
        for (var i = 0; i < nodes.Length; i++)
        {
            var name = nodes[i].Node.Name;
            for (var cut = name.IndexOf('/', 1); cut > 0; cut = name.IndexOf('/', cut + 1))
            {
                scopeEnd[name[..cut]] = i;
            }
            foreach (var o in nodes[i].Node.Outputs)
            {
                if (o.Length > 0 && map.TryGetValue(o, out var id))
                {
                    lastWriter[id] = i;
                }
            }
        }
        var firstConsumer = new int[storages.Count];
        Array.Fill(firstConsumer, -1);
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var input in nodes[i].Node.Inputs)
            {
                if (input.Length > 0 && map.TryGetValue(input, out var id) && i > lastWriter[id] && firstConsumer[id] < 0)
                {
                    firstConsumer[id] = i;
                }
            }
        }
        for (var s = 0; s < storages.Count; s++)
        {
            var first = firstConsumer[s];
            var last = lastReader[s];
            if (!storages[s].IsTransient || first < 0 || first >= last || last >= nodes.Length)
            {
                continue;
            }
            var scope = CommonScope(nodes[first].Node.Name, nodes[last].Node.Name);
            var writer = lastWriter[s] >= 0 ? nodes[lastWriter[s]].Node.Name : "";
            if (scope.Length > 0 && !writer.StartsWith(scope + "/", StringComparison.Ordinal))
            {
                lastReader[s] = Math.Max(last, scopeEnd[scope]);
            }
        }
    }

    /// <summary>The longest module scope ("/a/b") holding both node names; empty at the top level.</summary>
    private static string CommonScope(string a, string b)
    {
        var scope = "";
        for (var cut = a.IndexOf('/', 1); cut > 0; cut = a.IndexOf('/', cut + 1))
        {
            if (cut >= b.Length || b[cut] != '/' || !a.AsSpan(0, cut).SequenceEqual(b.AsSpan(0, cut)))
            {
                break;
            }
            scope = a[..cut];
        }
        return scope;
    }
}
