using System.Collections.Immutable;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>Lists <see cref="StorageGraphBuilder"/> clears and refills for every node (one set per build).</summary>
internal sealed class NodeScratch
{
    internal ImmutableArray<int>.Builder Allocates { get; } = ImmutableArray.CreateBuilder<int>();

    internal ImmutableArray<int>.Builder Extras { get; } = ImmutableArray.CreateBuilder<int>();

    internal List<int> Saved { get; } = new();

    internal List<int> InputStorage { get; } = new();

    internal ImmutableArray<GradTarget>.Builder GradInputs { get; } = ImmutableArray.CreateBuilder<GradTarget>();

    internal ImmutableArray<string>.Builder GradOutputs { get; } = ImmutableArray.CreateBuilder<string>();
}
