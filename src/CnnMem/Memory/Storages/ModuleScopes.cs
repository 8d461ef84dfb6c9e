using CnnMem.Inference;

namespace CnnMem.Memory.Storages;

/// <summary>
/// Python keeps a module's argument alive for the whole call (<c>Module.__call__</c> holds its arguments, and the caller's
/// <c>x = self.layer1(x)</c> still names the old tensor until the call returns): a block that reads its input early
/// (RegNet runs its projection shortcut first) still holds it until it returns, a stage holds its input through all its
/// blocks (ConvNeXt's stem output lives through stage 1), and a nested Sequential holds its input until its last layer
/// (r3d_18's conv2 = Conv3d, BatchNorm3d). torch.onnx names each node by its module path
/// (<c>/trunk_output/block1/block1-0/f/a/a.0/Conv</c>), so:
/// 1. a storage's readers after its last writer (an in-place op writes the storage it reads) are its consumers;
/// 2. each consumer's outermost module scope that does not hold the writer is the call that received the storage;
/// 3. the storage lives until the last node of that call.
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
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var input in nodes[i].Node.Inputs)
            {
                if (input.Length == 0 || !map.TryGetValue(input, out var id) || i <= lastWriter[id] || !storages[id].IsTransient || lastReader[id] >= nodes.Length)
                {
                    continue;
                }
                var writer = lastWriter[id] >= 0 ? nodes[lastWriter[id]].Node.Name : "";
                var scope = OutermostCallWithout(nodes[i].Node.Name, writer);
                if (scope.Length > 0 && scopeEnd.TryGetValue(scope, out var callEnd))
                {
                    lastReader[id] = Math.Max(lastReader[id], callEnd);
                }
            }
        }
    }

    /// <summary>
    /// The outermost module scope ("/a/b") holding node <paramref name="reader"/> but not node <paramref name="writer"/>:
    /// the call that received the storage as an argument (empty when the reader is the module's own leaf node).
    /// </summary>
    private static string OutermostCallWithout(string reader, string writer)
    {
        for (var cut = reader.IndexOf('/', 1); cut > 0; cut = reader.IndexOf('/', cut + 1))
        {
            if (cut >= writer.Length || writer[cut] != '/' || !reader.AsSpan(0, cut).SequenceEqual(writer.AsSpan(0, cut)))
            {
                return reader[..cut];
            }
        }
        return "";
    }
}
