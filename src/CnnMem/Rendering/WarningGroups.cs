using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Rendering;

/// <summary>
/// Warnings for people: the report's sentences ("LAYER: KIND: DETAIL") grouped by KIND, in order of first appearance.
/// A kind that occurs once stays as it is; repeated kinds become one line: "8 layers: KIND: a, b, c; first: DETAIL".
/// JSON keeps every sentence.
/// </summary>
internal static class WarningGroups
{
    public static ImmutableArray<string> Lines(IEnumerable<string> warnings)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, List<(string Layer, string Detail, string Text)>>(StringComparer.Ordinal);
        foreach (var w in warnings)
        {
            var (layer, kind, detail) = Split(w);
            if (!groups.TryGetValue(kind, out var list))
            {
                groups[kind] = list = [];
                order.Add(kind);
            }
            list.Add((layer, detail, w));
        }
        return order.Select(kind =>
        {
            var g = groups[kind];
            if (g[0].Layer.Length == 0)
            {
                return g.Count == 1 ? g[0].Text : $"{g.Count} times: {g[0].Text}";
            }
            if (g.Count == 1)
            {
                return $"{g[0].Layer}: {kind}: {g[0].Detail}";
            }
            var names = string.Join(", ", g.Select(x => x.Layer));
            return $"{g.Count} layers: {kind}: {names}; the first: {g[0].Detail}";
        }).ToImmutableArray();
    }

    /// <summary>"LAYER: KIND: DETAIL" into its parts (layer shown as a module path); a sentence without them is its own kind.</summary>
    private static (string Layer, string Kind, string Detail) Split(string warning)
    {
        var first = warning.IndexOf(": ", StringComparison.Ordinal);
        if (first <= 0)
        {
            return ("", warning, "");
        }
        var rest = warning[(first + 2)..];
        var second = rest.IndexOf(": ", StringComparison.Ordinal);
        return second <= 0
            ? ("", warning, "")
            : (ModulePath.Of(warning[..first], ""), rest[..second], rest[(second + 2)..]);
    }
}
