using System.Collections.Immutable;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// Activation checkpointing's decision over the node order (torch.utils.checkpoint_sequential's split), the one place
/// both the plain model (<see cref="Checkpointing"/>) and the CUDA replay's trace read:
/// 1. the nodes are cut into segments of <see cref="Length"/> (K, or sqrt(n) for K = -1); the last segment runs as usual;
/// 2. a node of an earlier segment keeps only its checkpoints: what it saves that was made before its segment (the
///    segment's inputs from outside, which checkpoint holds for the recomputation);
/// 3. the other activations such a node saves are dropped in the forward (<see cref="Dropped"/>) and made again when
///    backward reaches the segment (<see cref="Recomputed"/>, each at the first segment that saves it).
/// </summary>
/// <param name="Length">Nodes per segment.</param>
/// <param name="LastStart">The first node of the last segment, which is not checkpointed.</param>
/// <param name="Dropped">Storages saved for backward that the checkpointed forward does not keep.</param>
/// <param name="Recomputed">Transient storages saved by a checkpointed node, with its segment, in node order, each once.</param>
/// <param name="Thinned">The storage graph with the dropped storages removed from every node's saved list.</param>
internal sealed record CheckpointSegments(
    int Length,
    int LastStart,
    IReadOnlySet<int> Dropped,
    ImmutableArray<(int Segment, int Storage)> Recomputed,
    StorageGraph Thinned)
{
    public static int SegmentLength(int nodes, int every) =>
        every > 0 ? every : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(nodes)));

    /// <summary>The segments of <paramref name="g"/> for <see cref="MemoryOptions.CheckpointEvery"/> = <paramref name="every"/> (not 0).</summary>
    public static CheckpointSegments Of(StorageGraph g, int every)
    {
        var k = SegmentLength(g.Nodes.Length, every);
        var lastStart = (g.Nodes.Length - 1) / k * k;
        var recomputed = ImmutableArray.CreateBuilder<(int, int)>();
        var kept = new HashSet<int>();
        var dropped = new HashSet<int>();
        for (var i = 0; i < g.Nodes.Length; i++)
        {
            var n = g.Nodes[i];
            if (i >= lastStart)
            {
                kept.UnionWith(n.Saved);
                continue;
            }
            var segment = i / k;
            foreach (var s in n.Saved)
            {
                if (g.Storages[s].IsTransient && dropped.Add(s))
                {
                    recomputed.Add((segment, s));
                }
                // the checkpoint: tensors produced before this segment that it reads
                if (g.Storages[s].Producer < segment * k)
                {
                    kept.Add(s);
                }
            }
        }
        dropped.ExceptWith(kept);
        var thinned = g with
        {
            Nodes = g.Nodes.Select(n => n with { Saved = n.Saved.Where(s => !dropped.Contains(s)).ToImmutableArray() }).ToImmutableArray(),
        };
        return new CheckpointSegments(k, lastStart, dropped, recomputed.ToImmutable(), thinned);
    }

    /// <summary>True for a node of a checkpointed segment (recomputed before its backward).</summary>
    public bool Recomputes(int node) => node < LastStart;

    /// <summary>The first node of <paramref name="node"/>'s segment.</summary>
    public int SegmentStart(int node) => node / Length * Length;

    /// <summary>The last node of <paramref name="node"/>'s segment (a checkpointed segment is always whole).</summary>
    public int SegmentEnd(int node) => Math.Min(SegmentStart(node) + Length, Thinned.Nodes.Length) - 1;
}
