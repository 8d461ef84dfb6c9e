using CnnMem.Pipeline;
using CnnMem.Graphs;
using CnnMem.Import.Spec;
using CnnMem.Reports;

namespace CnnMem;

/// <summary>
/// A network to analyse: a <c>.cnn</c> text spec, one of the built-in networks or (with the
/// CnnMem.Onnx package) an ONNX file. Immutable; analyse it as often as you like with different options.
/// </summary>
/// <example>
/// <code>
/// var model = Model.BuiltIn("seed");
/// var report = model.Analyze(new AnalysisOptions { Batch = 64, Optimizer = Optimizer.Adam });
/// Console.WriteLine(report.Memory.Training?.SteadyPeakTotalBytes);
/// </code>
/// </example>
public sealed class Model
{
    internal Model(ModelGraph graph) => Graph = graph;

    internal ModelGraph Graph { get; }

    /// <summary>The model's name (the file name without extensions, or the built-in name).</summary>
    public string Name => Graph.Name;

    /// <summary>Where the model came from: a file path, or "built-in".</summary>
    public string Source => Graph.Source;

    /// <summary>The batch size an ONNX file fixed (replaced by a symbol so other batches can be analysed); null otherwise.</summary>
    public long? DefaultBatch => Graph.DefaultBatch;

    /// <summary>The names of the built-in networks (lenet5, seed, vgg16, ...), in alphabetical order.</summary>
    public static IReadOnlyList<string> BuiltInNames => BuiltInModels.Names;

    /// <summary>A built-in network by name (case-insensitive).</summary>
    /// <exception cref="CnnMemException">No built-in network has that name.</exception>
    public static Model BuiltIn(string name) =>
        BuiltInModels.TryGet(name, out var graph)
            ? new Model(graph!)
            : throw new CnnMemException($"no built-in model '{name}'; the built-in models are {string.Join(", ", BuiltInModels.Names)}");

    /// <summary>Parses a <c>.cnn</c> text spec; <paramref name="fileName"/> names it in error messages and in the report.</summary>
    /// <exception cref="CnnMemException">The spec is invalid (the message names the line and column).</exception>
    public static Model FromSpec(string text, string fileName = "model.cnn") => new(SpecParser.Parse(text, fileName));

    /// <summary>Reads and parses a <c>.cnn</c> spec file.</summary>
    /// <exception cref="CnnMemException">The file is missing or the spec is invalid.</exception>
    public static Model LoadSpec(string path) => new(SpecParser.ParseFile(path));

    /// <summary>
    /// Infers every shape and computes parameters, MACs and the memory figures (textbook sums and the
    /// framework model) for <paramref name="options"/> (when omitted: batch 1, float32, SGD, PyTorch 2.x on CUDA, the CLI's defaults
    /// but for the batch, which the CLI picks from the model).
    /// </summary>
    /// <exception cref="CnnMemException">The network is invalid for these options (the message names the layer).</exception>
    public AnalysisReport Analyze(AnalysisOptions? options = null) => Analyzer.Analyze(Graph, options ?? new AnalysisOptions());

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Source})";
}
