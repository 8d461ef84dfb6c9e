namespace CnnMem.Rendering;

/// <summary>What a <see cref="TableRow"/> stands for.</summary>
internal enum RowKind
{
    /// <summary>A graph input: counted in the textbook activation sum, no parameters.</summary>
    Input,

    Layer,

    /// <summary>The totals row, taken from the report's totals (never summed by a renderer).</summary>
    Total,
}
