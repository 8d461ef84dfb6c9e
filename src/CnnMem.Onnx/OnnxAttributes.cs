using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Core;
using CnnMem.Graphs;
using AttrType = Onnx.AttributeProto.Types.AttributeType;

namespace CnnMem.Onnx;

/// <summary>
/// Converts a node's <c>AttributeProto</c>s to <see cref="Attributes"/>.
/// 1. Nodes whose attribute bytes are identical (every 3x3 conv of a network) share one
///    <see cref="Attributes"/>, unless it holds a tensor, whose name depends on the node.
/// 2. The declared type picks the field; files from before IR 2 leave it unset, so it is then
///    taken from whichever field is filled.
/// 3. Tensors become <see cref="TensorInfo"/> with their values when small (Constant's value).
/// 4. Subgraphs, sparse tensors and type protos become <see cref="AttrKind.Graph"/> placeholders:
///    cnnmem does not look inside them, and no rule reads them as another kind.
/// </summary>
internal static class OnnxAttributes
{
    public const int NodeAttribute = 5;

    /// <summary>Attribute sets up to this many bytes are shared; at most this many sets are kept.</summary>
    private const int MaxSharedBytes = 512;
    private const int MaxSharedSets = 4096;

    /// <summary>
    /// The attributes of the node at <paramref name="node"/>. <paramref name="attributeBytes"/> is the run of
    /// bytes holding all its attribute fields when they lie together (the usual field order), else empty.
    /// </summary>
    public static Attributes Convert(OnnxImportContext context, ProtoSlice node, int count, ProtoSlice attributeBytes, string nodeName, string opType)
    {
        if (count == 0)
        {
            return Attributes.Empty;
        }
        var shareable = attributeBytes.Length is > 0 and <= MaxSharedBytes;
        var lookup = context.AttributeSets.GetAlternateLookup<ReadOnlySpan<byte>>();
        var key = context.Data.AsSpan(attributeBytes.Start, attributeBytes.Length);
        if (shareable && lookup.TryGetValue(key, out var shared))
        {
            return shared;
        }
        var names = new string[count];
        var values = new AttrValue[count];
        var k = 0;
        var a = context.Attribute;
        var r = context.Reader(node);
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag != ProtoReader.Tag(NodeAttribute, ProtoReader.LengthDelimited))
            {
                r.Skip(tag);
                continue;
            }
            a.Read(context, r.ReadSlice());
            if (a.Name.Length == 0)
            {
                throw new CnnMemException($"node '{nodeName}' ({opType}) has an attribute with no name");
            }
            if (Array.IndexOf(names, a.Name, 0, k) >= 0)
            {
                throw new CnnMemException($"node '{nodeName}' ({opType}) has attribute '{a.Name}' twice");
            }
            names[k] = a.Name;
            values[k++] = Value(context, a, nodeName);
        }
        var result = new Attributes(names, values);
        if (shareable && context.AttributeSets.Count < MaxSharedSets && Array.TrueForAll(values, v => v.Kind != AttrKind.Tensor))
        {
            lookup[key] = result;
        }
        return result;
    }

    private static AttrValue Value(OnnxImportContext context, OnnxAttributeFields a, string nodeName)
    {
        switch (TypeOf(a))
        {
            case AttrType.Int:
                return AttrValue.Of(a.I);
            case AttrType.Float:
                return AttrValue.Of((double)a.F);
            case AttrType.String:
                return AttrValue.Of(Text(context, a.S));
            case AttrType.Ints:
                return new AttrValue(AttrKind.Ints) { Ints = [.. a.Ints] };
            case AttrType.Floats:
            {
                var floats = new double[a.Floats.Count];
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = a.Floats[i];
                }
                return new AttrValue(AttrKind.Floats) { Floats = ImmutableCollectionsMarshal.AsImmutableArray(floats) };
            }
            case AttrType.Strings:
            {
                var strings = new string[a.Strings.Count];
                for (var i = 0; i < strings.Length; i++)
                {
                    strings[i] = Text(context, a.Strings[i]);
                }
                return new AttrValue(AttrKind.Strings) { Strings = ImmutableCollectionsMarshal.AsImmutableArray(strings) };
            }
            case AttrType.Tensor:
                if (a.T is not { } t)
                {
                    throw new CnnMemException($"node '{nodeName}' attribute '{a.Name}' is declared as a tensor but holds none");
                }
                var fields = context.Tensor;
                fields.Read(context.Data, t);
                var name = fields.TensorName.Length > 0 ? fields.TensorName : $"{nodeName}.{a.Name}";
                return AttrValue.Of(OnnxTensors.Convert(context, fields, name, new TensorSite(nodeName, a.Name)));
            case AttrType.Undefined:
                throw new CnnMemException($"node '{nodeName}' attribute '{a.Name}' has no type and no value");
            default:
                // GRAPH(S), TENSORS, SPARSE_TENSOR(S), TYPE_PROTO(S): kept as an opaque placeholder.
                return new AttrValue(AttrKind.Graph);
        }
    }

    private static AttrType TypeOf(OnnxAttributeFields a)
    {
        if (a.Type != 0)
        {
            if (!Enum.IsDefined((AttrType)a.Type))
            {
                throw new CnnMemException($"attribute '{a.Name}' has type code {a.Type}, which is not an ONNX attribute type");
            }
            return (AttrType)a.Type;
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
        if (a.HasGraphsOrTensors)
        {
            return AttrType.Graph;
        }
        if (a.S.Length > 0)
        {
            return AttrType.String;
        }
        if (a.F != 0)
        {
            return AttrType.Float;
        }
        return AttrType.Int;
    }

    private static string Text(OnnxImportContext context, ProtoSlice s) => context.Strings.Get(context.Data.AsSpan(s.Start, s.Length));
}
