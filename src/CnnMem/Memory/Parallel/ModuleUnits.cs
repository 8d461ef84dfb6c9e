using System.Collections.Immutable;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// Groups parameters into the units a sharding wrapper gathers together, in forward order (the order of first use):
/// - the module path of a node is its name's '/'-separated parts without the last (PyTorch's ONNX export names a node
///   <c>/layer1/layer1.0/conv1/Conv</c>: modules layer1, layer1.0, conv1, then the op); a name without '/' (a spec layer)
///   is a module of its own;
/// - an FSDP unit is the module at depth D of that path: depth 1 gives each top-level child (<c>fully_shard</c> on each
///   child of the model), depth 2 of the name above gives the residual block <c>layer1/layer1.0</c>; a parameter whose
///   path is shorter than D stays in the root unit (<c>fully_shard(model)</c> itself);
/// - a ZeRO-3 unit is the node that owns the parameter (DeepSpeed gathers each submodule's own parameters in its hooks).
/// </summary>
internal static class ModuleUnits
{
    public static IReadOnlyList<string> ModulePath(string nodeName)
    {
        if (!nodeName.Contains('/', StringComparison.Ordinal))
        {
            return [nodeName];
        }
        var parts = nodeName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= 1 ? [] : parts[..^1];
    }

    /// <summary>The unit at <paramref name="depth"/> a node belongs to, or null for the root.</summary>
    public static string? UnitAt(string nodeName, int depth)
    {
        var path = ModulePath(nodeName);
        return path.Count >= depth ? string.Join('/', path.Take(depth)) : null;
    }

    /// <summary>FSDP units at <paramref name="depth"/> in forward order, and the root's own parameters.</summary>
    public static (ImmutableArray<ModuleUnit> Units, ImmutableArray<ParamEntry> Root) AtDepth(IEnumerable<ParamEntry> parameters, int depth) =>
        Group(parameters, p => UnitAt(p.Node, depth));

    /// <summary>ZeRO-3 units: one per node that owns parameters, in forward order.</summary>
    public static ImmutableArray<ModuleUnit> PerNode(IEnumerable<ParamEntry> parameters) => Group(parameters, p => p.Node).Units;

    private static (ImmutableArray<ModuleUnit> Units, ImmutableArray<ParamEntry> Root) Group(IEnumerable<ParamEntry> parameters, Func<ParamEntry, string?> key)
    {
        var order = new List<string>();
        var members = new Dictionary<string, ImmutableArray<ParamEntry>.Builder>(StringComparer.Ordinal);
        var root = ImmutableArray.CreateBuilder<ParamEntry>();
        foreach (var p in parameters)
        {
            if (key(p) is not { } k)
            {
                root.Add(p);
                continue;
            }
            if (!members.TryGetValue(k, out var list))
            {
                members[k] = list = ImmutableArray.CreateBuilder<ParamEntry>();
                order.Add(k);
            }
            list.Add(p);
        }
        return (order.Select(k => new ModuleUnit(k, members[k].ToImmutable())).ToImmutableArray(), root.ToImmutable());
    }
}
