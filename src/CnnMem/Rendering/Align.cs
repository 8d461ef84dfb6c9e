namespace CnnMem.Rendering;

/// <summary>Horizontal alignment of a table column: text left, numbers right.</summary>
public enum Align
{
    Left,
    Right,
}
