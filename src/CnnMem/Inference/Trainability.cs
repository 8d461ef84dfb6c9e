using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Inference;

/// <summary>
/// Which parameters require a gradient, decided once for every model that reads them (costs, memory, parallel):
/// 1. the file's frozen parameters (<see cref="ModelGraph.FrozenParams"/>) and those of layers the importer froze
///    (Keras <c>trainable: false</c>, <see cref="Node.Trainable"/>);
/// 2. then each <see cref="FreezeRule"/> in order, the last match winning. A rule matches a parameter when its glob matches
///    the parameter's name, a module prefix of it (<c>layer1</c>, <c>layer1.0</c> of <c>layer1.0.conv1.weight</c>), or the
///    module path of the node that holds it (an exporter-named weight such as <c>onnx::Conv_193</c> in <c>layer1.0.conv1</c>);
/// 3. a rule that matches no parameter is an error naming the rule and a few parameter names.
/// Buffers never require a gradient and no rule touches them.
/// </summary>
internal static class Trainability
{
    public static ImmutableHashSet<string> Frozen(ModelGraph graph, NodeInference[] nodes, ImmutableArray<FreezeRule> rules)
    {
        var frozen = new HashSet<string>(graph.FrozenParams, StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            if (!n.Node.Trainable)
            {
                frozen.UnionWith(n.Params.Where(p => !p.IsBuffer).Select(p => p.Name));
            }
        }
        if (!rules.IsDefaultOrEmpty)
        {
            Apply(nodes, rules, frozen);
        }
        return frozen.Count == 0 ? ImmutableHashSet<string>.Empty : frozen.ToImmutableHashSet(StringComparer.Ordinal);
    }

    private static void Apply(NodeInference[] nodes, ImmutableArray<FreezeRule> rules, HashSet<string> frozen)
    {
        var names = new List<(string Param, string Module)>();
        foreach (var n in nodes)
        {
            var module = ModulePath.Of(n.Node.Name, n.Node.Op);
            names.AddRange(n.Params.Where(p => !p.IsBuffer).Select(p => (p.Name, module)));
        }
        foreach (var rule in rules)
        {
            var matched = 0;
            foreach (var (param, module) in names)
            {
                if (!Matches(rule.Pattern, param) && !Matches(rule.Pattern, module))
                {
                    continue;
                }
                matched++;
                if (rule.Trainable)
                {
                    frozen.Remove(param);
                }
                else
                {
                    frozen.Add(param);
                }
            }
            if (matched == 0)
            {
                var examples = string.Join(", ", names.Take(3).Select(p => $"'{p.Param}'"));
                throw new CnnMemException(names.Count == 0
                    ? $"{rule}: the model has no parameters"
                    : $"{rule} matches no parameter or module; parameters are named like {examples} ('cnnmem analyze MODEL --format json' lists every layer), and a module name such as 'layer1' covers all of its parameters");
            }
        }
    }

    /// <summary>Whether the glob matches the name or one of its dot-separated prefixes (a module holding it).</summary>
    internal static bool Matches(string pattern, string name)
    {
        if (Glob.Matches(pattern, name))
        {
            return true;
        }
        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
        {
            if (Glob.Matches(pattern, name.AsSpan(0, dot)))
            {
                return true;
            }
        }
        return false;
    }
}
