using CnnMem.Onnx;

namespace CnnMem;

/// <summary>
/// Loads ONNX files as <see cref="Model"/>s. Weights are not read (external data files need not exist):
/// cnnmem needs only the graph, the shapes and the small constant tensors.
/// </summary>
/// <example>
/// <code>
/// var report = OnnxModel.Load("resnet50.onnx").Analyze(new AnalysisOptions { Batch = 32 });
/// </code>
/// </example>
public static class OnnxModel
{
    /// <summary>Reads the ONNX file at <paramref name="path"/>.</summary>
    /// <exception cref="CnnMemException">The file is missing, is not a valid ONNX model, or its graph is invalid (the message names the file and node).</exception>
    public static Model Load(string path) => new(OnnxImporter.Import(path));

    /// <summary>Reads an ONNX model from memory; <paramref name="source"/> names it in error messages and the report.</summary>
    /// <exception cref="CnnMemException">The bytes are not a valid ONNX model, or its graph is invalid.</exception>
    public static Model FromBytes(byte[] data, string source = "model.onnx") => new(OnnxImporter.ImportBytes(data, source));
}
