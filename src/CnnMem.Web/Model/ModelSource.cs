using CnnMem.Graphs;

namespace CnnMem.Web.Model;

/// <summary>What the page analyses: the spec in the editor, or an ONNX file read into a graph.</summary>
/// <param name="Spec">The editor's text (used when <paramref name="Onnx"/> is null).</param>
/// <param name="SpecFileName">The name the spec is parsed under: errors start with it, the model is named after it.</param>
/// <param name="Onnx">An imported ONNX graph, or null.</param>
internal sealed record ModelSource(string Spec, string SpecFileName, ModelGraph? Onnx)
{
    /// <summary>The CLI's default batch: 64 for built-in networks (the editor starts with one), 1 for model files.</summary>
    public long DefaultBatch => Onnx is null ? 64 : 1;
}
