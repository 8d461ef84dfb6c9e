using CnnMem.Ops;

namespace CnnMem.Cli;

/// <summary>
/// A spec keyword's line as the user writes it, from what the rule declares:
/// <c>conv|conv2d FILTERS KERNEL [stride=SIZE] [pad=PADS] ...</c>. Positional arguments in capitals (optional ones in
/// brackets), options as <c>[name=KIND]</c>; layer references as <c>LAYER...</c>.
/// </summary>
internal static class SpecUsage
{
    public static string Line(SpecSyntax s)
    {
        var parts = new List<string> { string.Join("|", s.Keywords) };
        foreach (var a in s.Positional)
        {
            var name = a.Kind == SpecArgKind.LayerRefs ? "LAYER..." : a.Name.ToUpperInvariant();
            parts.Add(a.Required || a.Kind == SpecArgKind.LayerRefs ? name : $"[{name}]");
        }
        parts.AddRange(s.Options.Select(o => $"[{o.Name}={Kind(o.Kind)}]"));
        return string.Join(" ", parts);
    }

    private static string Kind(SpecArgKind k) => k switch
    {
        SpecArgKind.Int => "N",
        SpecArgKind.Float => "X",
        SpecArgKind.Bool => "true|false",
        SpecArgKind.Word => "WORD",
        SpecArgKind.Size => "K|KxK",
        SpecArgKind.Pads => "same|valid|P",
        _ => "LAYER",
    };
}
