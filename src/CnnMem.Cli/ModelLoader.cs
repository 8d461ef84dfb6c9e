using CnnMem.Graphs;
using CnnMem.Import.Keras;
using CnnMem.Import.Spec;
using CnnMem.Onnx;
using CnnMem.Zoo;

namespace CnnMem.Cli;

/// <summary>
/// Turns the PATH argument into a graph:
/// 1. a bare name (no folder, no extension) that names a built-in network: a torchvision network of the zoo
///    (resnet50, ...; <c>--input HxW</c> sets its input size) or one of the example specs (seed, lenet5, ...);
/// 2. a <c>.cnn</c> file (text spec), an <c>.onnx</c> file or a Keras model (<c>.json</c>, <c>.keras</c>), which must exist
///    (a missing <c>resnet50.onnx</c> suggests the built-in <c>resnet50</c>);
/// 3. anything else is an error that lists what is accepted.
/// Built-ins are injectable so tests can supply hand-made graphs.
/// </summary>
internal sealed class ModelLoader(Func<string, ModelGraph?> builtIn, Func<IEnumerable<string>> builtInNames, Func<string, ImageSize, ModelGraph?>? sized = null)
{
    public static ModelLoader Default { get; } = new(
        name => ZooModels.TryBuild(name, null, null, out var z) ? z : BuiltInModels.TryGet(name, out var g) ? g : null,
        () => BuiltInModels.Names.Append($"or one of the {ZooModels.Entries.Length} torchvision networks that 'cnnmem zoo' lists"),
        (name, size) => ZooModels.TryBuild(name, size.Height, size.Width, out var z) ? z : null);

    public LoadedModel Load(string path) => Load(path, null);

    /// <summary>Loads <paramref name="path"/>; <paramref name="input"/> (the --input option) applies only to zoo networks.</summary>
    public LoadedModel Load(string path, ImageSize? input)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var bare = extension.Length == 0 && path.IndexOfAny(['/', '\\']) < 0;
        if (input is { } size)
        {
            return bare && sized?.Invoke(path, size) is { } resized
                ? new LoadedModel(resized, BuiltIn: true)
                : throw new CnnMemException($"--input sets the input size of a built-in torchvision network ('cnnmem zoo' lists them); '{path}' is not one");
        }
        if (bare && builtIn(path) is { } graph)
        {
            return new LoadedModel(graph, BuiltIn: true);
        }
        if (extension is not (".cnn" or ".onnx") && !KerasImporter.Handles(extension))
        {
            var names = string.Join(", ", builtInNames());
            var what = File.Exists(path) ? $"'{path}' has an unsupported file type '{extension}'" : $"'{path}' is neither a built-in model nor a file";
            throw new CnnMemException($"{what}; expected a built-in model name ({(names.Length == 0 ? "none available" : names)}), a .cnn spec file, an .onnx file or a Keras model (.json, .keras)");
        }
        if (Directory.Exists(path))
        {
            throw new CnnMemException($"'{path}' is a folder; expected a {extension} file");
        }
        if (!File.Exists(path))
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            throw new CnnMemException(stem.Length > 0 && builtIn(stem) is not null
                ? $"file not found: {path}; did you mean the built-in `{stem}`? ('cnnmem analyze {stem}', no file needed)"
                : $"file not found: {path}");
        }
        var model = extension switch
        {
            ".cnn" => SpecParser.ParseFile(path),
            ".onnx" => OnnxImporter.Import(path),
            _ => KerasImporter.Import(path),
        };
        return new LoadedModel(model, BuiltIn: false);
    }
}
