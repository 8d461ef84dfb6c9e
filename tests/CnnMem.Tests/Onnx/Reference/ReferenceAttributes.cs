using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Onnx;
using CnnMem.Graphs;
using Google.Protobuf;
using Onnx;
using AttrType = Onnx.AttributeProto.Types.AttributeType;

namespace CnnMem.Tests.Onnx.Reference;

/// <summary>
/// Converts a node's <c>AttributeProto</c>s to <see cref="Attributes"/>.
/// 1. The declared type picks the field; files from before IR 2 leave it unset, so it is then
///    taken from whichever field is filled.
/// 2. Tensors become <see cref="TensorInfo"/> with their values when small (Constant's value).
/// 3. Subgraphs, sparse tensors and type protos become <see cref="AttrKind.Graph"/> placeholders:
///    cnnmem does not look inside them, and no rule reads them as another kind.
/// </summary>
internal static class ReferenceAttributes
{
    public static Attributes Convert(NodeProto node, string nodeName, OnnxImportOptions options)
    {
        if (node.Attribute.Count == 0)
        {
            return Attributes.Empty;
        }
        var b = ImmutableDictionary.CreateBuilder<string, AttrValue>(StringComparer.Ordinal);
        foreach (var a in node.Attribute)
        {
            if (a.Name.Length == 0)
            {
                throw new CnnMemException($"node '{nodeName}' ({node.OpType}) has an attribute with no name");
            }
            if (b.ContainsKey(a.Name))
            {
                throw new CnnMemException($"node '{nodeName}' ({node.OpType}) has attribute '{a.Name}' twice");
            }
            b[a.Name] = Value(a, nodeName, options);
        }
        return new Attributes(b.ToImmutable());
    }

    private static AttrValue Value(AttributeProto a, string nodeName, OnnxImportOptions options)
    {
        switch (TypeOf(a))
        {
            case AttrType.Int:
                return AttrValue.Of(a.I);
            case AttrType.Float:
                return AttrValue.Of((double)a.F);
            case AttrType.String:
                return AttrValue.Of(Text(a.S));
            case AttrType.Ints:
                return AttrValue.Of(a.Ints);
            case AttrType.Floats:
                return AttrValue.Of(a.Floats.Select(f => (double)f));
            case AttrType.Strings:
                return AttrValue.Of(a.Strings.Select(Text));
            case AttrType.Tensor:
                if (a.T is null)
                {
                    throw new CnnMemException($"node '{nodeName}' attribute '{a.Name}' is declared as a tensor but holds none");
                }
                var name = a.T.Name.Length > 0 ? a.T.Name : $"{nodeName}.{a.Name}";
                return AttrValue.Of(ReferenceTensors.Convert(a.T, name, $"node '{nodeName}' attribute '{a.Name}'", options.MaxValueElements));
            case AttrType.Undefined:
                throw new CnnMemException($"node '{nodeName}' attribute '{a.Name}' has no type and no value");
            default:
                // GRAPH(S), TENSORS, SPARSE_TENSOR(S), TYPE_PROTO(S): kept as an opaque placeholder.
                return new AttrValue(AttrKind.Graph);
        }
    }

    private static AttrType TypeOf(AttributeProto a)
    {
        if (a.Type != AttrType.Undefined)
        {
            if (!Enum.IsDefined(a.Type))
            {
                throw new CnnMemException($"attribute '{a.Name}' has type code {(int)a.Type}, which is not an ONNX attribute type");
            }
            return a.Type;
        }
        // IR version 1 files leave the type unset; the filled field tells it.
        if (a.Ints.Count > 0)
        {
            return AttrType.Ints;
        }
        if (a.Floats.Count > 0)
        {
            return AttrType.Floats;
        }
        if (a.Strings.Count > 0)
        {
            return AttrType.Strings;
        }
        if (a.T is not null)
        {
            return AttrType.Tensor;
        }
        if (a.G is not null || a.Graphs.Count > 0 || a.Tensors.Count > 0)
        {
            return AttrType.Graph;
        }
        if (!a.S.IsEmpty)
        {
            return AttrType.String;
        }
        if (a.F != 0)
        {
            return AttrType.Float;
        }
        return AttrType.Int;
    }

    private static string Text(ByteString s) => s.ToStringUtf8();
}
