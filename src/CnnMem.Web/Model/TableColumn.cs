using CnnMem.Rendering;

namespace CnnMem.Web.Model;

/// <summary>
/// A column of a <c>SortableTable</c>: the library's column declaration (<see cref="Column{T}"/>, internal to cnnmem)
/// reduced to what the page shows. Public because a component's parameters must be, and a component is always public.
/// </summary>
/// <param name="Header">Heading for people.</param>
/// <param name="Numeric">Right-aligned, sorted by number (largest first on the first click).</param>
/// <param name="Get">The cell text for a row.</param>
public sealed record TableColumn<TRow>(string Header, bool Numeric, Func<TRow, string> Get)
{
    internal static IReadOnlyList<TableColumn<TRow>> From(IEnumerable<Column<TRow>> columns) =>
        columns.Select(c => new TableColumn<TRow>(c.Header, c.Align == Align.Right, c.Get)).ToList();
}
