namespace CnnMem.Rendering;

/// <summary>One labelled figure of the summary block ("Weight gradients", "18.85 MB").</summary>
internal sealed record SummaryLine(string Label, string Value);
