using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace CnnMem.Tests.Onnx;

/// <summary>Builds small ONNX models in code for importer tests, and finds the oracle test data.</summary>
internal static class ImportTestModels
{
    public static string OracleDir => Path.Combine(AppContext.BaseDirectory, "TestData", "oracle");

    public static string OracleModel(string file) => Path.Combine(OracleDir, "models", file);

    /// <summary>A value info; each dim is a long (dim_value), a string (dim_param) or null (neither).</summary>
    public static ValueInfoProto Tensor(string name, DataType type, params object?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            var dim = new TensorShapeProto.Types.Dimension();
            switch (d)
            {
                case long v:
                    dim.DimValue = v;
                    break;
                case int v:
                    dim.DimValue = v;
                    break;
                case string s:
                    dim.DimParam = s;
                    break;
            }
            shape.Dim.Add(dim);
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    public static NodeProto Node(string op, string name, string[] inputs, string[] outputs, params AttributeProto[] attrs)
    {
        var n = new NodeProto { OpType = op, Name = name };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attrs);
        return n;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float initializer without data (as in a weightless export).</summary>
    public static TensorProto Weight(string name, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Float };
        t.Dims.AddRange(dims);
        return t;
    }

    /// <summary>An int64 initializer with its values in raw_data (little-endian).</summary>
    public static TensorProto Int64Raw(string name, long[] dims, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        t.Dims.AddRange(dims);
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }
        t.RawData = ByteString.CopyFrom(bytes);
        return t;
    }

    public static ModelProto Model(GraphProto graph, long opset = 13, long irVersion = 7)
    {
        var m = new ModelProto { IrVersion = irVersion, Graph = graph, ProducerName = "cnnmem-tests" };
        if (opset > 0)
        {
            m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        }
        return m;
    }

    /// <summary>x [batch,3,8,8] -> Conv(4 filters, 3x3, pad 1) -> y [batch,4,8,8].</summary>
    public static ModelProto ConvModel(object batch)
    {
        var g = new GraphProto { Name = "tiny" };
        g.Input.Add(Tensor("x", DataType.Float, batch, 3L, 8L, 8L));
        g.Initializer.Add(Weight("w", 4, 3, 3, 3));
        g.Initializer.Add(Weight("b", 4));
        g.Node.Add(Node("Conv", "conv", new[] { "x", "w", "b" }, new[] { "y" },
            Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Ints("strides", 1, 1)));
        g.Output.Add(Tensor("y", DataType.Float, batch, 4L, 8L, 8L));
        return Model(g);
    }
}
