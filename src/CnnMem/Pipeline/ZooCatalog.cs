using System.Collections.Immutable;
using CnnMem.Zoo;

namespace CnnMem.Pipeline;

/// <summary>Describes every zoo network: builds it at its default input and counts its parameters by shape inference.</summary>
internal static class ZooCatalog
{
    private static readonly Lazy<ImmutableArray<ZooInfo>> Listing = new(() => ZooModels.Entries.Select(Describe).ToImmutableArray());

    /// <summary>Every network, described once per process (building and inferring all of them takes a few seconds).</summary>
    public static ImmutableArray<ZooInfo> List() => Listing.Value;

    public static ZooInfo Describe(ZooEntry entry)
    {
        var graph = entry.Build(entry.DefaultSize, entry.DefaultSize);
        var inference = Analyzer.Infer(graph, new AnalysisOptions(), 1);
        var prms = inference.Nodes.SelectMany(n => n.Params).Where(p => !p.IsBuffer).Aggregate(0L, (s, p) => checked(s + p.Elements));
        return new ZooInfo(entry.Name, entry.Family, prms, [3, entry.DefaultSize, entry.DefaultSize], entry.Note);
    }
}
