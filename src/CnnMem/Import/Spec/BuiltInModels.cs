using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Import.Spec;

/// <summary>
/// Networks shipped with cnnmem, by name (<c>seed</c> is the classic answer's CNN). They are the
/// <c>examples/*.cnn</c> files, embedded into the library, so <c>cnnmem analyze seed</c> and
/// <c>cnnmem analyze examples/seed.cnn</c> read the same text.
/// </summary>
internal static class BuiltInModels
{
    private const string Prefix = "CnnMem.Examples.";
    private const string Extension = ".cnn";

    private static readonly ImmutableSortedDictionary<string, string> Resources = Discover();

    /// <summary>Model names in alphabetical order (lenet5, seed, vgg16, ...).</summary>
    public static IReadOnlyList<string> Names { get; } = Resources.Keys.ToImmutableArray();

    /// <summary>Parses the built-in model <paramref name="name"/> (case-insensitive; a trailing ".cnn" is allowed).</summary>
    public static bool TryGet(string name, out ModelGraph? graph)
    {
        if (!TryGetText(name, out var text, out var canonical))
        {
            graph = null;
            return false;
        }
        graph = SpecParser.Parse(text, canonical + Extension) with { Source = "built-in" };
        return true;
    }

    /// <summary>The spec text of a built-in model, for <c>cnnmem</c> to show or copy.</summary>
    public static bool TryGetText(string name, out string text, out string canonicalName)
    {
        var key = name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? name[..^Extension.Length] : name;
        canonicalName = Names.FirstOrDefault(n => n.Equals(key, StringComparison.OrdinalIgnoreCase)) ?? "";
        if (canonicalName.Length == 0)
        {
            text = "";
            return false;
        }
        using var stream = typeof(BuiltInModels).Assembly.GetManifestResourceStream(Resources[canonicalName])!;
        using var reader = new StreamReader(stream);
        text = reader.ReadToEnd();
        return true;
    }

    private static ImmutableSortedDictionary<string, string> Discover() =>
        typeof(BuiltInModels).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(Prefix, StringComparison.Ordinal) && r.EndsWith(Extension, StringComparison.Ordinal))
            .ToImmutableSortedDictionary(r => r[Prefix.Length..^Extension.Length], r => r, StringComparer.Ordinal);
}
