namespace CnnMem.Rendering;

/// <summary>
/// One row of the layer table, a plain projection of a report's input, layer or totals (no figure is
/// computed here). Null numbers are unknown; <see cref="Counted"/> says whether the row's elements
/// enter the textbook activation sum.
/// </summary>
internal sealed record TableRow(
    RowKind Kind,
    string Layer,
    string Op,
    Shape? Shape,
    long? Elements,
    long? Bytes,
    long Params,
    long Macs,
    bool Counted)
{
    /// <summary>Parameters that receive no gradient (<c>--freeze</c>, the file's frozen parameters, Keras <c>trainable: false</c>).</summary>
    public long Frozen { get; init; }
}
