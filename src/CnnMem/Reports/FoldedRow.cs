namespace CnnMem.Reports;

/// <summary>
/// Consecutive layers shown as one table row (<c>--group</c>: a convolution with its normalization and activation;
/// <c>--depth N</c>: a module's layers): the last member's output shape, the elements and bytes of the members counted
/// in the textbook sum, and all members' parameters and MACs, so the rows still add up to the totals.
/// </summary>
public sealed record FoldedRow(
    string Name,
    string Op,
    Shape? OutputShape,
    long? Elements,
    long? Bytes,
    long Params,
    long Macs,
    bool Counted,
    int Members)
{
    /// <summary>The members' parameters that receive no gradient (frozen).</summary>
    public long NonTrainableParams { get; init; }
}
