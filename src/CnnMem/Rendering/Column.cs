namespace CnnMem.Rendering;

/// <summary>
/// One column of a tabular rendering, declared once as data so the console table, CSV and Markdown
/// show the same columns with the same values.
/// </summary>
/// <param name="Header">Heading for people ("Output shape").</param>
/// <param name="Key">Heading for machines, as in the JSON ("output_shape"), used by CSV.</param>
/// <param name="Align">Alignment in text tables.</param>
/// <param name="Get">The cell text for a row.</param>
internal sealed record Column<T>(string Header, string Key, Align Align, Func<T, string> Get);
