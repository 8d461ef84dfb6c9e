using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using Google.Protobuf;
using Onnx;

namespace CnnMem.Onnx;

/// <summary>
/// Reads an ONNX model into a <see cref="ModelGraph"/> without reading weights (external data need not exist).
/// 1. Outline the protobuf (<see cref="OnnxModelBytes"/>) and read only the fields cnnmem needs, straight
///    from the bytes: no message objects, weights never copied. Malformed data is "not a valid ONNX model".
/// 2. Opset of the default domain; initializers (dims, dtype, small values); graph inputs that are not
///    initializers (IR &lt; 4 lists initializers as inputs too).
/// 3. Nodes: canonical op and domain, unique names (<c>{op}_{index}</c> for empty or repeated ones), attributes.
/// 4. Declared shapes (graph outputs, value_info) for cross-checking; batch symbol (see <see cref="BatchRebinding"/>).
/// 5. <see cref="GraphValidator.Validate(ModelGraph)"/>: undefined tensors, duplicates, cycles.
/// Every error is a <see cref="CnnMemException"/> that starts with the file.
/// </summary>
internal static class OnnxImporter
{
    public static ModelGraph Import(string path) => Import(path, OnnxImportOptions.Default);

    public static ModelGraph Import(string path, OnnxImportOptions options)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new CnnMemException($"{path}: file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CnnMemException($"{path}: file not found (no such directory)");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CnnMemException($"{path}: cannot read the file ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new CnnMemException($"{path}: cannot read the file ({e.Message})", e);
        }
        return ImportBytes(data, path, options);
    }

    public static ModelGraph ImportBytes(byte[] data, string source) => ImportBytes(data, source, OnnxImportOptions.Default);

    /// <summary>Imports a model held in memory; <paramref name="source"/> names it in error messages and the report.</summary>
    public static ModelGraph ImportBytes(byte[] data, string source, OnnxImportOptions options)
    {
        try
        {
            return GraphValidator.Validate(Translate(data, source, options), nodeNamesUnique: true);
        }
        catch (CnnMemException e)
        {
            throw new CnnMemException($"{source}: {e.Message}", e);
        }
        catch (OverflowException e)
        {
            throw new CnnMemException($"{source}: a tensor's size overflows 64 bits", e);
        }
    }

    public static ModelGraph FromModel(ModelProto model, string source) => FromModel(model, source, OnnxImportOptions.Default);

    /// <summary>Imports a model already parsed by OnnxSharp (tests build models this way): it is written back to bytes and read as a file is.</summary>
    public static ModelGraph FromModel(ModelProto model, string source, OnnxImportOptions options) =>
        ImportBytes(model.ToByteArray(), source, options);

    private static ModelGraph Translate(byte[] data, string source, OnnxImportOptions options)
    {
        var model = OnnxModelBytes.Read(data);
        if (!model.HasGraph)
        {
            throw new CnnMemException("the model has no graph (not an ONNX model, or an empty file)");
        }
        if (model.Count(OnnxModelBytes.GraphNode) == 0)
        {
            throw new CnnMemException("the graph has no nodes");
        }
        if (model.Count(OnnxModelBytes.GraphOutput) == 0)
        {
            throw new CnnMemException("the graph declares no outputs");
        }
        var context = new OnnxImportContext(model, options);
        var opset = DefaultOpset(context);
        var initializers = OnnxInitializers.Read(context);
        var inputs = Inputs(context, initializers);
        var nodes = OnnxNodes.Read(context, new TensorNames(data, initializers));
        var outputs = Outputs(context);
        var rebinding = BatchRebinding.Apply(inputs, Declared(context), options);
        var graph = new ModelGraph(ModelName(source, model.Name), rebinding.Inputs, initializers.AsReadOnly(), nodes, outputs)
        {
            BatchSymbol = rebinding.BatchSymbol,
            DefaultBatch = rebinding.DefaultBatch,
            DeclaredShapes = rebinding.Declared,
            OpsetVersion = opset,
            Source = source,
        };
        return OnnxProvenance.Apply(graph, model);
    }

    /// <summary>The ai.onnx opset version; required when a node uses the default domain.</summary>
    private static long DefaultOpset(OnnxImportContext context)
    {
        foreach (var (domain, version) in context.Model.Opsets)
        {
            if (IsDefaultDomain(domain))
            {
                if (version < 1)
                {
                    throw new CnnMemException($"the model imports opset version {version} of the default domain; versions start at 1");
                }
                return version;
            }
        }
        if (OnnxNodes.AnyInDefaultDomain(context))
        {
            throw new CnnMemException("the model declares no opset version for the default ONNX domain (opset_import is missing or lists other domains only)");
        }
        return 0;
    }

    internal static bool IsDefaultDomain(string domain) => domain.Length == 0 || domain == "ai.onnx";

    private static ImmutableArray<TensorInfo> Inputs(OnnxImportContext context, Dictionary<string, Initializer> initializers)
    {
        var b = ImmutableArray.CreateBuilder<TensorInfo>(context.Model.Count(OnnxModelBytes.GraphInput));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slice in context.Model.Fields(OnnxModelBytes.GraphInput))
        {
            var v = context.ValueInfo;
            v.Read(context, slice);
            // Before IR 4, every initializer is also listed as a graph input.
            if (initializers.ContainsKey(v.Name))
            {
                continue;
            }
            if (v.Name.Length == 0)
            {
                throw new CnnMemException("a graph input has no name");
            }
            if (!seen.Add(v.Name))
            {
                throw new CnnMemException($"input '{v.Name}' is declared twice");
            }
            b.Add(OnnxValueInfos.Input(v));
        }
        return b.ToImmutable();
    }

    private static ImmutableArray<string> Outputs(OnnxImportContext context)
    {
        var b = ImmutableArray.CreateBuilder<string>(context.Model.Count(OnnxModelBytes.GraphOutput));
        foreach (var slice in context.Model.Fields(OnnxModelBytes.GraphOutput))
        {
            b.Add(OnnxValueInfo.ReadName(context, slice));
        }
        return b.MoveToImmutable();
    }

    /// <summary>Declared shapes (value_info, then graph outputs; a later one replaces an earlier one of the same name).</summary>
    private static IReadOnlyDictionary<string, TensorInfo> Declared(OnnxImportContext context)
    {
        var count = context.Model.Count(OnnxModelBytes.GraphValueInfo) + context.Model.Count(OnnxModelBytes.GraphOutput);
        var b = new Dictionary<string, TensorInfo>(count, StringComparer.Ordinal);
        var v = context.ValueInfo;
        foreach (var field in (ReadOnlySpan<int>)[OnnxModelBytes.GraphValueInfo, OnnxModelBytes.GraphOutput])
        {
            foreach (var slice in context.Model.Fields(field))
            {
                v.Read(context, slice);
                if (v.Name.Length > 0 && OnnxValueInfos.Declared(context, v) is { } t)
                {
                    b[v.Name] = t;
                }
            }
        }
        return b.AsReadOnly();
    }

    /// <summary>The file name without extensions (<c>resnet50.dyn.onnx</c> -> <c>resnet50</c>), else the graph's name.</summary>
    private static string ModelName(string source, string graphName)
    {
        var file = Path.GetFileName(source);
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var name = dot > 0 ? file[..dot] : file;
        return name.Length > 0 ? name : graphName.Length > 0 ? graphName : "model";
    }
}
