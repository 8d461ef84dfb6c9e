using Google.Protobuf;
using Onnx;
using AttrType = Onnx.AttributeProto.Types.AttributeType;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// Random small ONNX models that reach every branch of the importer: attributes of every type (and
/// untyped ones, as IR 1 wrote them), tensors of every element type with raw, typed, missing, external
/// or wrongly sized data, symbolic, fixed and unknown dims, empty and repeated names, other domains,
/// declared shapes. Many are invalid on purpose: then both importers must fail with the same message.
/// </summary>
internal static class RandomOnnxModels
{
    private static readonly int[] ElementTypes = [1, 1, 1, 7, 7, 6, 2, 3, 4, 5, 9, 10, 11, 12, 13, 16, 8, 14, 0, 17, 99];

    public static ModelProto Build(int seed)
    {
        var r = new Random(seed);
        var g = new GraphProto { Name = r.Next(3) == 0 ? "" : "g" };
        var batch = r.Next(4) switch { 0 => (object)"N", 1 => 2L, 2 => 1L, _ => null! };
        g.Input.Add(ImportTestModels.Tensor("x", (TensorProto.Types.DataType)Pick(r, [1, 1, 7, 10]), batch, 3L, (long)r.Next(1, 5)));
        if (r.Next(3) == 0)
        {
            g.Input.Add(ImportTestModels.Tensor("labels", TensorProto.Types.DataType.Int64, batch));
        }
        for (var i = 0; i < r.Next(4); i++)
        {
            var t = Tensor(r, $"w{i}");
            g.Initializer.Add(t);
            if (r.Next(3) == 0)
            {
                // IR < 4 lists initializers as inputs too.
                g.Input.Add(ImportTestModels.Tensor(t.Name, TensorProto.Types.DataType.Float, 1L));
            }
        }
        var tensors = new List<string> { "x" };
        tensors.AddRange(g.Initializer.Select(t => t.Name));
        var nodes = r.Next(1, 6);
        for (var i = 0; i < nodes; i++)
        {
            var n = new NodeProto
            {
                OpType = Pick(r, ["Relu", "Add", "Constant", "Conv", "Custom"]),
                Domain = Pick(r, ["", "", "", "ai.onnx", "com.example"]),
                Name = Pick(r, ["", "n", $"n{i}", $"n{i}"]),
            };
            n.Input.AddRange(Enumerable.Range(0, r.Next(3)).Select(_ => r.Next(8) == 0 ? "" : tensors[r.Next(tensors.Count)]));
            n.Output.Add($"t{i}");
            for (var k = r.Next(4); k > 0; k--)
            {
                n.Attribute.Add(Attribute(r, r.Next(10) == 0 ? "a" : $"a{k}"));
            }
            g.Node.Add(n);
            tensors.Add($"t{i}");
        }
        g.Output.Add(Declared(r, $"t{nodes - 1}"));
        for (var i = r.Next(3); i > 0; i--)
        {
            g.ValueInfo.Add(Declared(r, $"t{r.Next(nodes)}"));
        }
        var m = new ModelProto { IrVersion = 8, Graph = g };
        if (r.Next(8) != 0)
        {
            m.OpsetImport.Add(new OperatorSetIdProto { Domain = Pick(r, ["", "", "ai.onnx"]), Version = r.Next(10) == 0 ? 0 : 13 });
        }
        return m;
    }

    private static T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];

    private static ValueInfoProto Declared(Random r, string name)
    {
        var dims = Enumerable.Range(0, r.Next(4)).Select(_ => r.Next(5) switch { 0 => (object)"N", 1 => null!, 2 => -1L, _ => (object)(long)r.Next(1, 9) }).ToArray();
        var v = ImportTestModels.Tensor(name, (TensorProto.Types.DataType)Pick(r, ElementTypes), dims);
        if (r.Next(6) == 0)
        {
            v.Type.TensorType.Shape = null;
        }
        return v;
    }

    private static AttributeProto Attribute(Random r, string name)
    {
        var a = new AttributeProto { Name = name };
        switch (r.Next(11))
        {
            case 0:
                a.Type = AttrType.Int;
                a.I = r.NextInt64(-5, 5);
                break;
            case 1:
                a.Type = AttrType.Float;
                a.F = (float)(r.NextDouble() * 4 - 2);
                break;
            case 2:
                a.Type = AttrType.String;
                a.S = ByteString.CopyFromUtf8(Pick(r, ["", "SAME_UPPER", "relu", "é"]));
                break;
            case 3:
                a.Type = AttrType.Ints;
                a.Ints.AddRange(Enumerable.Range(0, r.Next(5)).Select(_ => r.NextInt64(-3, 300)));
                break;
            case 4:
                a.Type = AttrType.Floats;
                a.Floats.AddRange(Enumerable.Range(0, r.Next(5)).Select(_ => (float)r.NextDouble()));
                break;
            case 5:
                a.Type = AttrType.Strings;
                a.Strings.AddRange(Enumerable.Range(0, r.Next(4)).Select(k => ByteString.CopyFromUtf8($"s{k}")));
                break;
            case 6:
                a.Type = AttrType.Tensor;
                if (r.Next(6) != 0)
                {
                    a.T = Tensor(r, r.Next(2) == 0 ? "" : "c");
                }
                break;
            case 7:
                a.Type = Pick(r, [AttrType.Graph, AttrType.Tensors, AttrType.TypeProto, (AttrType)99]);
                a.G = new GraphProto { Name = "body" };
                break;
            default:
                // Untyped, as IR 1 wrote attributes: the filled field tells the type.
                switch (r.Next(6))
                {
                    case 0: a.Ints.Add(r.NextInt64(1, 4)); break;
                    case 1: a.Floats.Add(0.5f); break;
                    case 2: a.S = ByteString.CopyFromUtf8("x"); break;
                    case 3: a.F = 1.5f; break;
                    case 4: a.I = 3; break;
                    default: a.T = Tensor(r, ""); break;
                }
                break;
        }
        return a;
    }

    private static TensorProto Tensor(Random r, string name)
    {
        var t = new TensorProto { Name = name, DataType = Pick(r, ElementTypes) };
        var dims = Enumerable.Range(0, r.Next(4)).Select(_ => r.Next(12) == 0 ? -1L : r.Next(0, 5)).ToArray();
        t.Dims.AddRange(dims);
        var elements = dims.Aggregate(1L, (p, d) => p * Math.Max(d, 0)) + (r.Next(10) == 0 ? 1 : 0);
        switch (r.Next(5))
        {
            case 0:
                break; // no data: a stripped model
            case 1:
                t.DataLocation = TensorProto.Types.DataLocation.External;
                break;
            case 2:
                var raw = new byte[elements * Size(t.DataType) + (r.Next(10) == 0 ? 1 : 0)];
                r.NextBytes(raw);
                t.RawData = ByteString.CopyFrom(raw);
                break;
            default:
                for (var i = 0; i < elements; i++)
                {
                    Typed(r, t);
                }
                break;
        }
        return t;
    }

    private static void Typed(Random r, TensorProto t)
    {
        switch (t.DataType)
        {
            case 1 or 14: t.FloatData.Add((float)r.NextDouble()); break;
            case 11 or 15: t.DoubleData.Add(r.NextDouble()); break;
            case 7: t.Int64Data.Add(r.NextInt64(-100, 100)); break;
            case 12 or 13: t.Uint64Data.Add(unchecked((ulong)r.NextInt64(0, long.MaxValue) * 2)); break;
            case 8: t.StringData.Add(ByteString.CopyFromUtf8("s")); break;
            default: t.Int32Data.Add(r.Next(-70000, 70000)); break;
        }
    }

    private static int Size(int dataType) => dataType switch
    {
        2 or 3 or 9 => 1,
        4 or 5 or 10 or 16 => 2,
        1 or 6 or 12 => 4,
        _ => 8,
    };
}
