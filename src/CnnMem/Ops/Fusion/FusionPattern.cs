using System.Collections.Immutable;

namespace CnnMem.Ops.Fusion;

/// <summary>
/// An op PyTorch runs fused that exporters write as several nodes (<see cref="FusionPatterns"/>), as data: the nodes
/// (<see cref="Steps"/>, the first is the anchor), how they connect, and what the fused op keeps for backward instead of
/// what each piece's rule says. The memory model's recognizer (<c>Memory/FusedPatterns</c>) matches these and knows
/// no op names.
/// </summary>
internal sealed record FusionPattern(string Name, string Source, ImmutableArray<FusionStep> Steps, FusionEffect Effect)
{
    /// <summary>The tensors the fused op keeps for backward (charged to the pattern's last node).</summary>
    public ImmutableArray<TensorRef> Keeps { get; init; } = ImmutableArray<TensorRef>.Empty;

    /// <summary>Tensors the fused op keeps that the decomposition never makes (statistics).</summary>
    public ImmutableArray<FusionStat> Stats { get; init; } = ImmutableArray<FusionStat>.Empty;

    /// <summary>Pairs of references that must name the same tensor.</summary>
    public ImmutableArray<(TensorRef A, TensorRef B)> Same { get; init; } = ImmutableArray<(TensorRef, TensorRef)>.Empty;

    /// <summary>References that must name a graph initializer (a weight or a constant of the file).</summary>
    public ImmutableArray<TensorRef> Initializers { get; init; } = ImmutableArray<TensorRef>.Empty;

    /// <summary>The anchor's two inputs are tried in both orders (a commutative op): its input 0 and 1 mean the order tried.</summary>
    public bool EitherInputOrder { get; init; }

    /// <summary>An anchor already part of an earlier match (an earlier node's or pattern's) is left alone.</summary>
    public bool AnchorUnclaimed { get; init; }

    /// <summary>Only with profiles whose framework runs fused attention (<c>FrameworkProfile.FusedAttention</c>).</summary>
    public bool NeedsFusedAttention { get; init; }

    public FusionStep Anchor => Steps[0];

    /// <summary>The index of the step labelled <paramref name="label"/>.</summary>
    public int StepOf(string label)
    {
        for (var k = 0; k < Steps.Length; k++)
        {
            if (Steps[k].Label == label)
            {
                return k;
            }
        }
        throw new ArgumentException($"pattern {Name} has no step '{label}'", nameof(label));
    }
}
