using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Onnx;
using CnnMem.Graphs;
using Onnx;

namespace CnnMem.Tests.Onnx.Reference;

/// <summary>
/// The ONNX importer as it was before it read the protobuf bytes itself (commit 11da06d): it translates
/// OnnxSharp's generated message objects. Kept in the tests as an independent implementation, so the
/// lean reader (<see cref="OnnxImporter.ImportBytes(byte[], string)"/>) can be checked to give the same graph.
/// </summary>
internal static class ReferenceImporter
{
    /// <summary>Parses with OnnxSharp and translates, as the old importer did (protobuf errors are not compared).</summary>
    public static ModelGraph FromBytes(byte[] data, string source, OnnxImportOptions options) =>
        FromModel(ModelProto.Parser.ParseFrom(data), source, options);

    public static ModelGraph FromModel(ModelProto model, string source, OnnxImportOptions options)
    {
        try
        {
            return GraphValidator.Validate(Translate(model, source, options));
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

    private static ModelGraph Translate(ModelProto model, string source, OnnxImportOptions options)
    {
        var g = model.Graph ?? throw new CnnMemException("the model has no graph (not an ONNX model, or an empty file)");
        if (g.Node.Count == 0)
        {
            throw new CnnMemException("the graph has no nodes");
        }
        if (g.Output.Count == 0)
        {
            throw new CnnMemException("the graph declares no outputs");
        }
        var opset = DefaultOpset(model, g);
        var initializers = Initializers(g, options);
        var inputs = Inputs(g, initializers);
        var nodes = Nodes(g, options);
        var outputs = g.Output.Select(o => o.Name).ToImmutableArray();
        var rebinding = BatchRebinding.Apply(inputs, Declared(g), options);
        return new ModelGraph(ModelName(source, g), rebinding.Inputs, initializers, nodes, outputs)
        {
            BatchSymbol = rebinding.BatchSymbol,
            DefaultBatch = rebinding.DefaultBatch,
            DeclaredShapes = rebinding.Declared,
            OpsetVersion = opset,
            Source = source,
        };
    }

    /// <summary>The ai.onnx opset version; required when a node uses the default domain.</summary>
    private static long DefaultOpset(ModelProto model, GraphProto g)
    {
        foreach (var o in model.OpsetImport)
        {
            if (IsDefaultDomain(o.Domain))
            {
                if (o.Version < 1)
                {
                    throw new CnnMemException($"the model imports opset version {o.Version} of the default domain; versions start at 1");
                }
                return o.Version;
            }
        }
        if (g.Node.Any(n => IsDefaultDomain(n.Domain)))
        {
            throw new CnnMemException("the model declares no opset version for the default ONNX domain (opset_import is missing or lists other domains only)");
        }
        return 0;
    }

    private static bool IsDefaultDomain(string domain) => domain.Length == 0 || domain == "ai.onnx";

    private static ImmutableDictionary<string, Initializer> Initializers(GraphProto g, OnnxImportOptions options)
    {
        var b = ImmutableDictionary.CreateBuilder<string, Initializer>(StringComparer.Ordinal);
        foreach (var t in g.Initializer)
        {
            var what = $"initializer '{t.Name}'";
            if (t.Name.Length == 0)
            {
                throw new CnnMemException("an initializer has no name");
            }
            if (b.ContainsKey(t.Name))
            {
                throw new CnnMemException($"{what} is defined twice");
            }
            b[t.Name] = new Initializer(ReferenceTensors.Convert(t, t.Name, what, options.MaxValueElements));
        }
        if (g.SparseInitializer.Count > 0)
        {
            throw new CnnMemException($"the graph has {g.SparseInitializer.Count} sparse initializer(s) ('{g.SparseInitializer[0].Values?.Name}'), which cnnmem does not support");
        }
        return b.ToImmutable();
    }

    private static ImmutableArray<TensorInfo> Inputs(GraphProto g, ImmutableDictionary<string, Initializer> initializers)
    {
        var b = ImmutableArray.CreateBuilder<TensorInfo>(g.Input.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in g.Input)
        {
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
            b.Add(ReferenceValueInfos.Input(v));
        }
        return b.ToImmutable();
    }

    private static ImmutableArray<Node> Nodes(GraphProto g, OnnxImportOptions options)
    {
        var b = ImmutableArray.CreateBuilder<Node>(g.Node.Count);
        var names = new HashSet<string>(g.Node.Count, StringComparer.Ordinal);
        for (var i = 0; i < g.Node.Count; i++)
        {
            var n = g.Node[i];
            if (n.OpType.Length == 0)
            {
                throw new CnnMemException($"node {i} ('{n.Name}') has no op type");
            }
            var name = n.Name;
            if (name.Length == 0 || !names.Add(name))
            {
                name = $"{n.OpType}_{i}";
                for (var k = 2; !names.Add(name); k++)
                {
                    name = $"{n.OpType}_{i}_{k}";
                }
            }
            var domain = IsDefaultDomain(n.Domain) ? "" : n.Domain;
            b.Add(new Node(name, n.OpType, n.Input.ToImmutableArray(), n.Output.ToImmutableArray(), ReferenceAttributes.Convert(n, name, options), domain));
        }
        return b.MoveToImmutable();
    }

    private static ImmutableDictionary<string, TensorInfo> Declared(GraphProto g)
    {
        var b = ImmutableDictionary.CreateBuilder<string, TensorInfo>(StringComparer.Ordinal);
        foreach (var v in g.ValueInfo.Concat(g.Output))
        {
            if (v.Name.Length > 0 && ReferenceValueInfos.Declared(v) is { } t)
            {
                b[v.Name] = t;
            }
        }
        return b.ToImmutable();
    }

    /// <summary>The file name without extensions (<c>resnet50.dyn.onnx</c> -> <c>resnet50</c>), else the graph's name.</summary>
    private static string ModelName(string source, GraphProto g)
    {
        var file = Path.GetFileName(source);
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var name = dot > 0 ? file[..dot] : file;
        return name.Length > 0 ? name : g.Name.Length > 0 ? g.Name : "model";
    }
}
