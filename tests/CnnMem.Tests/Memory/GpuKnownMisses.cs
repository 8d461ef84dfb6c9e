namespace CnnMem.Tests.Memory;

/// <summary>
/// The GPU figures cnnmem is known to miss today, one per line in TestData/oracle/gpu/known-misses.txt
/// ("model bN figure", "fit model mode" or "mean key", then " # cause"). A listed figure must still miss (when it
/// starts passing the test says to remove it) and every other figure must pass, so a regression fails CI and an
/// improvement is recorded; the misses are published in docs/accuracy.md's GPU section.
/// </summary>
public static class GpuKnownMisses
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Entries = new(Load);

    public static string File => Path.Combine(AppContext.BaseDirectory, "TestData", "oracle", "gpu", "known-misses.txt");

    public static IReadOnlyDictionary<string, string> All => Entries.Value;

    public static bool Contains(string id) => All.ContainsKey(id);

    private static IReadOnlyDictionary<string, string> Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in System.IO.File.ReadAllLines(File))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var hash = line.IndexOf(" # ", StringComparison.Ordinal);
            map[(hash < 0 ? line : line[..hash]).Trim()] = hash < 0 ? "" : line[(hash + 3)..].Trim();
        }
        return map;
    }
}
