namespace CnnMem.Rendering;

/// <summary>How a cell shows a number: for people (thousands separators, byte units) or for machines (raw integers).</summary>
internal enum CellStyle
{
    /// <summary>"5,120,000", "20.48 MB"; figures outside the textbook sum in parentheses.</summary>
    Human,

    /// <summary>"5120000"; no units, no separators (CSV).</summary>
    Raw,
}
