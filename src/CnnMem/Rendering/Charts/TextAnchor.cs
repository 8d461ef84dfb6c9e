namespace CnnMem.Rendering.Charts;

/// <summary>Where a text's position is: its start, middle or end (SVG's text-anchor).</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}
