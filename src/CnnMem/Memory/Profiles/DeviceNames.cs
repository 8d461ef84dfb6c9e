using System.Text;

namespace CnnMem.Memory.Profiles;

/// <summary>
/// GPU names as people write them ("h100", "A100 80GB", "rtx 4090", "4090", "Tesla V100-SXM2-16GB") matched to the
/// canonical names of <see cref="DeviceTable"/>:
/// 1. both sides are reduced to a key: lower case, without spaces, dashes and underscores, without vendor and board
///    words (nvidia, geforce, tesla, rtx, sxm2/4/5, pcie, hbm3...), "gb" written "g";
/// 2. equal keys match;
/// 3. otherwise the canonical names whose key starts with the input's key (a family: "a100" is a100-40gb and
///    a100-80gb) match when there is exactly one; several make the name ambiguous (<see cref="Candidates"/>).
/// </summary>
internal static class DeviceNames
{
    private static readonly string[] Noise = ["nvidia", "geforce", "tesla", "rtx", "sxm2", "sxm4", "sxm5", "sxm", "pcie", "hbm3e", "hbm3", "hbm2e", "hbm2"];

    /// <summary>The canonical name <paramref name="input"/> stands for, or null (unknown or ambiguous).</summary>
    public static string? Resolve(string input, IEnumerable<string> names)
    {
        var key = Key(input);
        var exact = names.Where(n => Key(n) == key).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }
        var family = Candidates(input, names);
        return family.Count == 1 ? family[0] : null;
    }

    /// <summary>The canonical names of the family <paramref name="input"/> names (their key starts with its key).</summary>
    public static IReadOnlyList<string> Candidates(string input, IEnumerable<string> names)
    {
        var key = Key(input);
        return key.Length == 0 ? [] : names.Where(n => Key(n).StartsWith(key, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The comparison key: "Tesla V100-SXM2-16GB" and "v100-16gb" are both "v10016g".</summary>
    public static string Key(string name)
    {
        var s = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                s.Append(c);
            }
        }
        var key = s.ToString();
        foreach (var word in Noise)
        {
            key = key.Replace(word, "", StringComparison.Ordinal);
        }
        return key.Replace("gb", "g", StringComparison.Ordinal);
    }
}
