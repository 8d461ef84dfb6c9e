namespace CnnMem.Rendering.Charts;

/// <summary>Where a text's position is: its start, middle or end (SVG's text-anchor).</summary>
public enum TextAnchor
{
    Start,
    Middle,
    End,
}
