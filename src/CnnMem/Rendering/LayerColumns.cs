using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Rendering;

/// <summary>
/// The layer table's columns, declared once for the console table, CSV and Markdown.
/// In <see cref="CellStyle.Human"/> cells, elements and bytes outside the textbook sum (activations,
/// views, arithmetic with a constant) are in parentheses; <see cref="CellStyle.Raw"/> adds an <c>in_textbook_sum</c> column instead.
/// </summary>
internal static class LayerColumns
{
    // frozen: whether to add the Frozen column (parameters without a gradient), shown only when the model has any
    public static ImmutableArray<Column<TableRow>> Create(DisplayLayout layout, CellStyle style, UnitSystem units, bool frozen = false)
    {
        var human = style == CellStyle.Human;
        string Number(long? n, bool counted)
        {
            if (n is not { } v)
            {
                return human ? "?" : "";
            }
            var text = human ? ByteFormat.Human(v) : ByteFormat.Raw(v);
            return human && !counted ? $"({text})" : text;
        }
        string Bytes(long? n, bool counted)
        {
            if (n is not { } v)
            {
                return human ? "?" : "";
            }
            var text = human ? ByteFormat.Bytes(v, units) : ByteFormat.Raw(v);
            return human && !counted ? $"({text})" : text;
        }
        string Plain(long n) => human ? ByteFormat.Human(n) : ByteFormat.Raw(n);

        var columns = ImmutableArray.CreateBuilder<Column<TableRow>>();
        columns.Add(new("Layer", "layer", Align.Left, r => human && r.Kind == RowKind.Layer ? ModulePath.Of(r.Layer, r.Op) : r.Layer));
        columns.Add(new("Op", "op", Align.Left, r => human ? OpNames.Display(r.Op) : r.Op));
        columns.Add(new("Output shape", "output_shape", Align.Left, r => r.Shape is null ? "" : DisplayShapes.Text(r.Shape, layout)));
        columns.Add(new("Elements", "output_elements", Align.Right, r => Number(r.Elements, r.Counted)));
        columns.Add(new("Params", "params", Align.Right, r => Plain(r.Params)));
        if (frozen)
        {
            columns.Add(new("Frozen", "non_trainable_params", Align.Right, r => Plain(r.Frozen)));
        }
        columns.Add(new("MACs", "macs", Align.Right, r => Plain(r.Macs)));
        columns.Add(new("Output bytes", "output_bytes", Align.Right, r => Bytes(r.Bytes, r.Counted)));
        if (!human)
        {
            columns.Add(new("In textbook sum", "in_textbook_sum", Align.Left, r => r.Counted ? "true" : "false"));
        }
        return columns.ToImmutable();
    }

    /// <summary>The sentences that explain the shapes, the parentheses and the totals row.</summary>
    public static ImmutableArray<string> Legend { get; } = ImmutableArray.Create(
        "Shapes include the batch. Figures in (parentheses) are outside the textbook sum: activation functions, views, arithmetic with a weight or constant; merges (add, concat) of layer outputs count.",
        "Total: the textbook sum of the input and the counted layer outputs; Params and MACs: all layers.",
        "Counts: k = 10^3, M = 10^6, G = 10^9 (exact figures in --format json or csv); layers named by module path.");
}
