namespace CnnMem.Rendering.Charts;

/// <summary>Colours (Okabe-Ito, readable for colour-blind readers) and fonts shared by the charts.</summary>
internal static class ChartPalette
{
    public const string Blue = "#0072b2";
    public const string Orange = "#e69f00";
    public const string Green = "#009e73";
    public const string Vermillion = "#d55e00";
    public const string Purple = "#cc79a7";
    public const string Sky = "#56b4e9";
    public const string Yellow = "#f0e442";
    public const string Text = "#222222";
    public const string Grid = "#dddddd";
    public const string Axis = "#555555";
    public const string Background = "#ffffff";
    public const string FontFamily = "DejaVu Sans, Verdana, Arial, sans-serif";
}
