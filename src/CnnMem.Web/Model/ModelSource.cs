using CnnMem.Graphs;

namespace CnnMem.Web.Model;

/// <summary>What the page analyses: the spec in the editor, or a graph from the zoo or a model file.</summary>
/// <param name="Spec">The editor's text (used when <paramref name="Graph"/> is null).</param>
/// <param name="SpecFileName">The name the spec is parsed under: errors start with it, the model is named after it.</param>
/// <param name="Graph">A zoo network or an imported file, or null for the spec.</param>
/// <param name="Kind">Where <paramref name="Graph"/> comes from (<see cref="ModelKind.Spec"/> when it is null).</param>
/// <param name="Label">The file or zoo name, as the page shows it.</param>
internal sealed record ModelSource(string Spec, string SpecFileName, ModelGraph? Graph = null, ModelKind Kind = ModelKind.Spec, string? Label = null)
{
    /// <summary>Built-in networks (the editor's examples and the zoo), which the CLI analyses at batch 64; files at 1.</summary>
    public bool BuiltIn => Kind is ModelKind.Spec or ModelKind.Zoo;

    /// <summary>The CLI's default batch when neither the batch field nor the file says one: 64 for built-ins, 1 for model files.</summary>
    public long FallbackBatch => BuiltIn ? 64 : 1;

    /// <summary>The same source with another graph (the spec is kept, to go back to by editing it).</summary>
    public ModelSource WithGraph(ModelGraph graph, ModelKind kind, string label) => this with { Graph = graph, Kind = kind, Label = label };

    /// <summary>Back to the editor's spec.</summary>
    public ModelSource WithSpec(string spec) => this with { Spec = spec, Graph = null, Kind = ModelKind.Spec, Label = null };
}
