namespace CnnMem.Core;

/// <summary>
/// The one list of an enum's names as the command line takes them and the JSON writes them: each value's name, plus
/// aliases the parser also accepts. Parsing ignores case and surrounding spaces.
/// </summary>
internal sealed class NameTable<T>
    where T : struct, Enum
{
    private readonly (T Value, string Name)[] names;
    private readonly (string Name, T Value)[] aliases;

    public NameTable((T Value, string Name)[] names, params (string Name, T Value)[] aliases)
    {
        this.names = names;
        this.aliases = aliases;
        Accepted = [.. names.Select(n => n.Name), .. aliases.Select(a => a.Name)];
    }

    /// <summary>Each value named as it is spelled in lower case (<c>Adam</c> is <c>adam</c>), in declaration order, with the given aliases.</summary>
    public static NameTable<T> Lowercase(params (string Name, T Value)[] aliases) =>
        new([.. Enum.GetValues<T>().Select(v => (v, v.ToString().ToLowerInvariant()))], aliases);

    /// <summary>Each value's name, in the table's order, without the aliases.</summary>
    public IEnumerable<string> ValueNames => names.Select(n => n.Name);

    /// <summary>Every name the parser accepts, each value's first, then the aliases.</summary>
    public IReadOnlyList<string> Accepted { get; }

    public string Name(T value)
    {
        foreach (var n in names)
        {
            if (EqualityComparer<T>.Default.Equals(n.Value, value))
            {
                return n.Name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, $"no name for this {typeof(T).Name}");
    }

    public bool TryParse(string text, out T value)
    {
        var t = text.Trim();
        foreach (var (name, v) in names.Select(n => (n.Name, n.Value)).Concat(aliases))
        {
            if (string.Equals(name, t, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }
}
