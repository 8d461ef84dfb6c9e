using System.Collections.Immutable;

namespace CnnMem.Memory.Liveness;

/// <summary>Where each lifetime (same order as the input) starts in one arena, and the arena's size in bytes.</summary>
internal sealed record ArenaPlan(string Strategy, ImmutableArray<long> Offsets, long Total);
