namespace CnnMem.Rendering;

/// <summary>Horizontal alignment of a table column: text left, numbers right.</summary>
internal enum Align
{
    Left,
    Right,
}
