using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Where each CUDA convolution's workspace came from: the cuDNN table (<see cref="Table"/>, its rows for
/// <see cref="Arch"/>) or the fallback rule, per call, with the keys the lookups used (so a GPU run can measure
/// exactly the configurations a network has).
/// </summary>
public sealed record CudnnWorkspaceReport
{
    /// <summary>The GPU architecture whose table rows the lookups used.</summary>
    public required string Arch { get; init; }

    /// <summary>Whether cuDNN's benchmark mode is on (<c>torch.backends.cudnn.benchmark</c>).</summary>
    public required bool Benchmark { get; init; }

    /// <summary>Whether the convolutions run channels-last.</summary>
    public required bool ChannelsLast { get; init; }

    /// <summary>Where the cuDNN table came from.</summary>
    public required string Table { get; init; }

    /// <summary>The table's rows for <see cref="Arch"/>.</summary>
    public required int TableEntries { get; init; }

    /// <summary>The convolutions, in graph order.</summary>
    public required ImmutableArray<CudnnConvolutionUse> Convolutions { get; init; }

    /// <summary>The table's figures are the kit's dry-run placeholders (a format check, not a measurement).</summary>
    public bool DryRunTable { get; init; }

    /// <summary>The cuDNN calls looked up (forward, and with training both backward calls).</summary>
    public int Lookups => Convolutions.Sum(c => c.Calls.Length);

    /// <summary>The calls whose workspace the table gave.</summary>
    public int FromTable => Convolutions.Sum(c => c.Calls.Count(k => k.FromTable));

    /// <summary>The convolutions with at least one call on the fallback rule, in graph order.</summary>
    public ImmutableArray<string> FallbackLayers => Convolutions.Where(c => c.Calls.Any(k => !k.FromTable)).Select(c => c.Layer).ToImmutableArray();
}
