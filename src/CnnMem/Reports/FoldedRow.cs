namespace CnnMem.Reports;

/// <summary>
/// Consecutive layers shown as one table row (<c>--group</c>: a convolution with its normalization and activation;
/// <c>--depth N</c>: a module's layers): the last member's output shape, the elements and bytes of the members counted
/// in the textbook sum, and all members' parameters and MACs, so the rows still add up to the totals.
/// </summary>
public sealed record FoldedRow
{
    /// <summary>The row's name: the only member's layer name, else the members' module path.</summary>
    public required string Name { get; init; }

    /// <summary>The members' distinct canonical op names joined by <c>+</c> (<c>Conv+BatchNormalization+Relu</c>), or <c>N layers</c> past three.</summary>
    public required string Op { get; init; }

    /// <summary>The last member's first output shape, or null when it has no output.</summary>
    public required Shape? OutputShape { get; init; }

    /// <summary>Output elements of the members counted in the textbook sum, or null when one is unknown.</summary>
    public required long? Elements { get; init; }

    /// <summary>Output bytes of the members counted in the textbook sum, or null when one is unknown.</summary>
    public required long? Bytes { get; init; }

    /// <summary>All members' parameters.</summary>
    public required long Params { get; init; }

    /// <summary>All members' multiply-accumulates.</summary>
    public required long Macs { get; init; }

    /// <summary>Whether any member is counted in the textbook sum.</summary>
    public required bool Counted { get; init; }

    /// <summary>How many layers the row folds.</summary>
    public required int Members { get; init; }

    /// <summary>The members' parameters that receive no gradient (frozen).</summary>
    public long NonTrainableParams { get; init; }
}
