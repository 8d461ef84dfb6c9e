using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace CnnMem.Memory.Cudnn;

/// <summary>
/// cuDNN workspaces as measured data (the file <c>scripts/gpu_kit.py</c> writes, <c>cudnn-workspaces.json</c>):
/// rows keyed by <see cref="CudnnConvKey"/>. The built-in table ships with the library (empty until a GPU measures it:
/// no figure in it is written by hand); <c>--cudnn-table FILE</c> reads another. A lookup:
/// 1. rows of the same key (architecture, call, benchmark, type, layout, geometry, batch and spatial buckets);
/// 2. a row measured at exactly the query's batch and spatial size gives its bytes;
/// 3. otherwise the row with the most bytes per element of the bucket, scaled to the query's elements (rounded up):
///    within a bucket the heuristics keep their choice and the workspaces grow with the tensors, and the largest rate
///    keeps the figure safe;
/// 4. no row: null, and the caller uses its rule (<see cref="CudnnWorkspaces"/>).
/// </summary>
internal sealed class CudnnWorkspaceTable
{
    public const string Format = "cnnmem-cudnn-workspaces";

    private const string BuiltinResource = "CnnMem.Memory.Cudnn.cudnn-workspaces.json";

    private readonly FrozenDictionary<CudnnConvKey, ImmutableArray<CudnnWorkspaceEntry>> rows;

    private CudnnWorkspaceTable(string source, ImmutableArray<CudnnWorkspaceEntry> entries, bool dryRun)
    {
        Source = source;
        Entries = entries;
        DryRun = dryRun;
        rows = entries.GroupBy(e => e.Key).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
    }

    /// <summary>Where the table came from: <c>built-in</c> or the file's path.</summary>
    public string Source { get; }

    public ImmutableArray<CudnnWorkspaceEntry> Entries { get; }

    /// <summary>Written by the kit's CPU dry run: its figures are placeholders that check the format and the keys only.</summary>
    public bool DryRun { get; }

    /// <summary>The table shipped in the library.</summary>
    public static CudnnWorkspaceTable Builtin { get; } = LoadBuiltin();

    /// <summary>The rows measured on <paramref name="arch"/>.</summary>
    public int EntriesFor(string arch) => Entries.Count(e => e.Key.Arch == arch);

    /// <summary>Steps 1-4 of the class summary.</summary>
    public long? Lookup(CudnnConvKey key, long batch, long spatialElements)
    {
        if (!rows.TryGetValue(key, out var candidates))
        {
            return null;
        }
        foreach (var e in candidates)
        {
            if (e.Batch == batch && e.SpatialElements == spatialElements)
            {
                return e.WorkspaceBytes;
            }
        }
        var elements = (Int128)checked(batch * spatialElements);
        Int128 best = 0;
        foreach (var e in candidates)
        {
            // ceil(bytes x elements / measured elements), in 128 bits: the product can pass 2^63
            var scaled = (((Int128)e.WorkspaceBytes * elements) + e.Elements - 1) / e.Elements;
            best = scaled > best ? scaled : best;
        }
        return checked((long)best);
    }

    /// <summary>Reads a table file's text; <paramref name="source"/> names it in every error.</summary>
    public static CudnnWorkspaceTable Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CnnMemException($"{source}: not a cuDNN workspace table (JSON error at line {(e.LineNumber ?? 0) + 1}: {e.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || f.GetString() != Format)
            {
                throw new CnnMemException($"{source}: not a cuDNN workspace table (expected \"format\": \"{Format}\", as scripts/gpu_kit.py writes)");
            }
            var dryRun = root.TryGetProperty("dry_run", out var d) && d.ValueKind == JsonValueKind.True;
            if (!root.TryGetProperty("entries", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new CnnMemException($"{source}: the table has no \"entries\" array");
            }
            var entries = ImmutableArray.CreateBuilder<CudnnWorkspaceEntry>();
            var i = 0;
            foreach (var e in list.EnumerateArray())
            {
                entries.Add(CudnnTableEntryReader.Read(e, $"{source}: entry {i}"));
                i++;
            }
            return new CudnnWorkspaceTable(source, entries.ToImmutable(), dryRun);
        }
    }

    private static CudnnWorkspaceTable LoadBuiltin()
    {
        using var stream = typeof(CudnnWorkspaceTable).Assembly.GetManifestResourceStream(BuiltinResource)
            ?? throw new InvalidOperationException($"the built-in cuDNN table ({BuiltinResource}) is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in");
    }
}
