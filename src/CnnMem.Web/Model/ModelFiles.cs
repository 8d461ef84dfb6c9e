using CnnMem.Graphs;
using CnnMem.Import.Keras;
using CnnMem.Onnx;

namespace CnnMem.Web.Model;

/// <summary>
/// Model files the page reads, by extension, as the CLI's loader takes them: <c>.onnx</c> (large weight data skipped
/// while reading) and Keras models (<c>.keras</c> archives, <c>model.to_json()</c> and TensorFlow.js <c>model.json</c>).
/// The importers are the library's; this only picks one.
/// </summary>
internal static class ModelFiles
{
    /// <summary>The file picker's <c>accept</c> list.</summary>
    public const string Accept = ".onnx,.keras,.json";

    /// <summary>Which importer reads <paramref name="fileName"/>; an unsupported type is an error naming what is accepted.</summary>
    public static ModelKind KindOf(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".onnx")
        {
            return ModelKind.Onnx;
        }
        if (KerasImporter.Handles(extension))
        {
            return ModelKind.Keras;
        }
        var hint = extension is ".h5" or ".hdf5"
            ? "; a legacy HDF5 Keras file is not read: save the model as .keras (model.save('m.keras')) or its topology as JSON (model.to_json())"
            : extension is ".pt" or ".pth"
                ? "; export a PyTorch model to ONNX (torch.onnx.export, or cnnmem's Python package)"
                : "";
        throw new CnnMemException($"{fileName}: unsupported file type '{extension}'; expected an .onnx file or a Keras model (.keras, .json){hint}");
    }

    /// <summary>Reads the model in <paramref name="stream"/> (a browser file) with the importer its name calls for.</summary>
    public static async Task<(ModelGraph Graph, ModelKind Kind)> ImportAsync(Stream stream, string fileName)
    {
        var kind = KindOf(fileName);
        if (kind == ModelKind.Onnx)
        {
            return (await OnnxWeightSkipper.ImportAsync(stream, fileName), kind);
        }
        // A .keras archive is a zip, read whole (its weights file included) because the browser's stream cannot seek.
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return (KerasImporter.ImportBytes(buffer.ToArray(), fileName), kind);
    }
}
