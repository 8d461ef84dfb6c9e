using System.Globalization;

namespace CnnMem.Web.Model;

/// <summary>
/// Sorts table rows by one of the library's columns (as <see cref="TableColumn{TRow}"/>s). Numbers sort by the raw (machine) cell of the same column,
/// so "1.2 MB" and "(640)" compare as numbers; text columns compare ordinally; unknown values go last.
/// </summary>
internal static class TableSort
{
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> rows, TableColumn<T> raw, bool descending)
    {
        if (raw.Numeric)
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
