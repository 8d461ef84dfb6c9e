using System.IO.Compression;
using System.Text.Json;

namespace CnnMem.Import.Keras;

/// <summary>
/// Finds the Keras model config in a file:
/// 1. a <c>.keras</c> archive (a zip; Keras 3): its <c>config.json</c>;
/// 2. a TensorFlow.js <c>model.json</c>: the object under <c>modelTopology</c> (whose own <c>model_config</c>
///    holds the model when written by the converter from a Keras HDF5 file);
/// 3. otherwise the JSON of <c>model.to_json()</c> itself.
/// Malformed JSON is reported with the file, line and byte position.
/// </summary>
internal static class KerasDocument
{
    public static JsonDocument Parse(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnnMemException($"{path}: cannot read the file ({e.Message})", e);
        }
        return Read(bytes, path);
    }

    /// <summary>A file's contents: a .keras archive or JSON.</summary>
    public static JsonDocument Read(byte[] bytes, string source) => IsZip(bytes) ? FromArchive(bytes, source) : Parse(bytes, source);

    public static JsonDocument Parse(byte[] json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "unknown position";
            throw new CnnMemException($"{source}: not valid JSON at {where}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>The model object: the document root, or the one under <c>modelTopology</c> (and its <c>model_config</c>).</summary>
    public static JsonAt Model(JsonDocument doc, string source)
    {
        var root = new JsonAt(doc.RootElement, "$", source);
        if (root.Kind != JsonValueKind.Object)
        {
            throw root.Error("a Keras model object (with 'class_name' and 'config')");
        }
        if (root.Get("modelTopology") is { } topology)
        {
            root = topology.Get("model_config") ?? topology;
        }
        if (root.Get("class_name") is null)
        {
            throw new CnnMemException($"{source}: {root.Path}: not a Keras model: expected 'class_name' (Sequential, Functional or Model) and 'config', as model.to_json() writes, or a TensorFlow.js model.json with 'modelTopology'");
        }
        return root;
    }

    private static bool IsZip(byte[] bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;

    private static JsonDocument FromArchive(byte[] bytes, string path)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var entry = zip.GetEntry("config.json")
                ?? throw new CnnMemException($"{path}: the archive has no config.json (a Keras 3 .keras file holds config.json, metadata.json and model.weights.h5)");
            using var s = entry.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return Parse(m.ToArray(), $"{path}!config.json");
        }
        catch (InvalidDataException e)
        {
            throw new CnnMemException($"{path}: not a valid .keras (zip) archive: {e.Message}", e);
        }
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own zero-based position and path: the message already gives the place
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        cut = cut > 0 ? cut : message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
