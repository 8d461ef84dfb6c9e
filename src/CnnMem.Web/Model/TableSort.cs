using System.Globalization;
using CnnMem.Rendering;

namespace CnnMem.Web.Model;

/// <summary>
/// Sorts table rows by one of the library's columns. Numbers sort by the raw (machine) cell of the same column,
/// so "1.2 MB" and "(640)" compare as numbers; text columns compare ordinally; unknown values go last.
/// </summary>
public static class TableSort
{
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> rows, Column<T> raw, bool descending)
    {
        if (raw.Align == Align.Right)
        {
            long? Key(T row) => long.TryParse(raw.Get(row), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
            var known = rows.Where(r => Key(r) is not null);
            var ordered = descending ? known.OrderByDescending(r => Key(r)) : known.OrderBy(r => Key(r));
            return ordered.Concat(rows.Where(r => Key(r) is null)).ToList();
        }
        return (descending
            ? rows.OrderByDescending(r => raw.Get(r), StringComparer.Ordinal)
            : rows.OrderBy(r => raw.Get(r), StringComparer.Ordinal)).ToList();
    }
}
