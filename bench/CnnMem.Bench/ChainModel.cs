using Google.Protobuf;
using Onnx;

namespace CnnMem.Bench;

/// <summary>Builds an ONNX model in code: input [N,8,16,16] followed by a chain of Conv(8->8, 3x3, pad 1) and Relu nodes.</summary>
public static class ChainModel
{
    public static byte[] Build(int nodes)
    {
        var g = new GraphProto { Name = "chain" };
        g.Input.Add(Tensor("x", "N", 8, 16, 16));
        var previous = "x";
        for (var i = 0; i < nodes; i++)
        {
            var output = $"t{i}";
            var node = new NodeProto { Name = $"n{i}", Input = { previous }, Output = { output } };
            if (i % 2 == 0)
            {
                var w = $"w{i}";
                var weight = new TensorProto { Name = w, DataType = (int)TensorProto.Types.DataType.Float, Dims = { 8, 8, 3, 3 } };
                g.Initializer.Add(weight);
                node.OpType = "Conv";
                node.Input.Add(w);
                node.Attribute.Add(Ints("kernel_shape", 3, 3));
                node.Attribute.Add(Ints("pads", 1, 1, 1, 1));
            }
            else
            {
                node.OpType = "Relu";
            }
            g.Node.Add(node);
            previous = output;
        }
        g.Output.Add(Tensor(previous, "N", 8, 16, 16));
        var m = new ModelProto { IrVersion = 8, Graph = g, OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 13 } } };
        return m.ToByteArray();
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static ValueInfoProto Tensor(string name, string batch, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
