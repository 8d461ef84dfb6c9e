using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Graphs;

namespace CnnMem.Onnx;

/// <summary>
/// Reads the graph's <c>NodeProto</c>s into <see cref="Node"/>s.
/// 1. Canonical domain ("" for ai.onnx); op types and domains are pooled strings.
/// 2. Unique names: <c>{op}_{index}</c> (then <c>{op}_{index}_{k}</c>) for empty or repeated ones.
/// 3. Attributes by <see cref="OnnxAttributes"/>.
/// </summary>
internal static class OnnxNodes
{
    private const int Input = 1;
    private const int Output = 2;
    private const int Name = 3;
    private const int OpType = 4;
    private const int Domain = 7;

    public static ImmutableArray<Node> Read(OnnxImportContext context, TensorNames tensors)
    {
        var count = context.Model.Count(OnnxModelBytes.GraphNode);
        var nodes = new Node[count];
        var names = new HashSet<string>(count, StringComparer.Ordinal);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var i = 0;
        foreach (var slice in context.Model.Fields(OnnxModelBytes.GraphNode))
        {
            nodes[i] = ReadNode(context, slice, i, names, tensors, inputs, outputs);
            i++;
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(nodes);
    }

    /// <summary>Whether any node is in the default (ai.onnx) domain.</summary>
    public static bool AnyInDefaultDomain(OnnxImportContext context)
    {
        foreach (var slice in context.Model.Fields(OnnxModelBytes.GraphNode))
        {
            var domain = "";
            var r = context.Reader(slice);
            while (!r.AtEnd)
            {
                var tag = r.ReadTag();
                if (tag == ProtoReader.Tag(Domain, ProtoReader.LengthDelimited))
                {
                    domain = r.ReadString(context.Strings);
                }
                else
                {
                    r.Skip(tag);
                }
            }
            if (OnnxImporter.IsDefaultDomain(domain))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A node without a name, or with one already taken, is named after its op and index (then _2, _3, ...).</summary>
    private static string UniqueName(string name, string opType, int index, HashSet<string> names)
    {
        if (name.Length > 0 && names.Add(name))
        {
            return name;
        }
        name = $"{opType}_{index}";
        for (var k = 2; !names.Add(name); k++)
        {
            name = $"{opType}_{index}_{k}";
        }
        return name;
    }

    private static Node ReadNode(OnnxImportContext context, ProtoSlice slice, int index, HashSet<string> names, TensorNames tensors, List<string> inputs, List<string> outputs)
    {
        inputs.Clear();
        outputs.Clear();
        string name = "", opType = "", domain = "";
        var attributeCount = 0;
        int attributesStart = -1, attributesEnd = -1;
        var together = true;
        var r = context.Reader(slice);
        while (!r.AtEnd)
        {
            var at = r.Position;
            var tag = r.ReadTag();
            switch (tag >> 3)
            {
                case Input when tag == ProtoReader.Tag(Input, ProtoReader.LengthDelimited):
                    inputs.Add(tensors.Input(r.ReadSlice()));
                    break;
                case Output when tag == ProtoReader.Tag(Output, ProtoReader.LengthDelimited):
                    outputs.Add(tensors.Output(r.ReadSlice()));
                    break;
                case Name when tag == ProtoReader.Tag(Name, ProtoReader.LengthDelimited):
                    name = r.ReadString();
                    break;
                case OpType when tag == ProtoReader.Tag(OpType, ProtoReader.LengthDelimited):
                    opType = r.ReadString(context.Strings);
                    break;
                case Domain when tag == ProtoReader.Tag(Domain, ProtoReader.LengthDelimited):
                    domain = r.ReadString(context.Strings);
                    break;
                case OnnxAttributes.NodeAttribute when tag == ProtoReader.Tag(OnnxAttributes.NodeAttribute, ProtoReader.LengthDelimited):
                    together &= attributeCount == 0 || attributesEnd == at;
                    attributesStart = attributeCount++ == 0 ? at : attributesStart;
                    r.ReadSlice();
                    attributesEnd = r.Position;
                    break;
                default:
                    r.Skip(tag);
                    break;
            }
        }
        if (opType.Length == 0)
        {
            throw new CnnMemException($"node {index} ('{name}') has no op type");
        }
        name = UniqueName(name, opType, index, names);
        var attributeBytes = together && attributeCount > 0 ? new ProtoSlice(attributesStart, attributesEnd - attributesStart) : default;
        var attributes = OnnxAttributes.Convert(context, slice, attributeCount, attributeBytes, name, opType);
        return new Node(
            name,
            opType,
            ImmutableCollectionsMarshal.AsImmutableArray(inputs.ToArray()),
            ImmutableCollectionsMarshal.AsImmutableArray(outputs.ToArray()),
            attributes,
            OnnxImporter.IsDefaultDomain(domain) ? "" : domain);
    }
}
