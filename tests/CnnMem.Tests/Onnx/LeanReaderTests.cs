using CnnMem.Graphs;
using CnnMem.Onnx;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// The importer's own protobuf reading, on bytes written by hand: fields it does not know are skipped
/// whatever their wire type, packed and unpacked lists read alike, a graph given twice merges, and broken
/// bytes give "not a valid ONNX model" naming the file and the byte.
/// </summary>
public class LeanReaderTests
{
    private static ProtoBytes ShapeProto(params object[] dims)
    {
        var shape = new ProtoBytes();
        foreach (var d in dims)
        {
            shape.Message(1, d is string s ? new ProtoBytes().String(2, s) : new ProtoBytes().Varint(1, Convert.ToInt64(d)));
        }
        return shape;
    }

    private static ProtoBytes ValueInfo(string name, params object[] dims) =>
        new ProtoBytes().String(1, name).Message(2, new ProtoBytes().Message(1, new ProtoBytes().Varint(1, 1).Message(2, ShapeProto(dims))));

    /// <summary>x [N,2,5] -> Conv(w [3,2,3], kernel_shape [3]) -> Relu -> y, with a shape constant s [2] (int64).</summary>
    private static byte[] Model(bool packed, Func<int, ProtoBytes, ProtoBytes>? extra = null)
    {
        extra ??= (_, b) => b;
        ProtoBytes List(ProtoBytes b, int field, params long[] values) => packed ? b.Packed(field, values) : b.Unpacked(field, values);
        var kernel = extra(3, List(new ProtoBytes().String(1, "kernel_shape").Varint(20, 7), 8, 3));
        var conv = extra(2, new ProtoBytes().String(1, "x").String(1, "w").String(2, "c").String(3, "conv").String(4, "Conv").Message(5, kernel));
        var relu = new ProtoBytes().String(1, "c").String(2, "y").String(4, "Relu");
        var weight = extra(4, List(new ProtoBytes(), 1, 3, 2, 3).Varint(2, 1).String(8, "w"));
        var constant = List(List(new ProtoBytes(), 1, 2).Varint(2, 7).String(8, "s"), 7, 4, -1);
        var graph = extra(1, new ProtoBytes().Message(1, conv).Message(1, relu).String(2, "g").Message(5, weight).Message(5, constant)
            .Message(11, extra(5, ValueInfo("x", "N", 2, 5))).Message(12, ValueInfo("y", "N", 3, 3)));
        return extra(0, new ProtoBytes().Varint(1, 8).Message(7, graph).Message(8, new ProtoBytes().Varint(2, 13))).ToArray();
    }

    private static ModelGraph Import(byte[] bytes, string file = "hand.onnx") => OnnxImporter.ImportBytes(bytes, file);

    [Fact]
    public void HandWrittenModel_Imports()
    {
        var g = Import(Model(packed: true));
        Assert.Equal(["conv", "Relu_1"], g.Nodes.Select(n => n.Name));
        Assert.Equal([3L], g.Nodes[0].Attributes.Ints("kernel_shape")!.Value.ToArray());
        Assert.Equal(Shape.Of(3, 2, 3), g.Initializers["w"].Tensor.Shape);
        Assert.Equal([4L, -1L], g.Initializers["s"].Tensor.Value!.Ints!.Value.ToArray());
        Assert.Equal("N", g.BatchSymbol);
        Assert.Equal(13, g.OpsetVersion);
        Assert.Null(LeanReaderDifferentialTests.Compare(Model(packed: true), "hand.onnx", OnnxImportOptions.Default));
    }

    [Fact]
    public void PackedAndUnpackedLists_ReadAlike()
    {
        Assert.Empty(GraphDifferences.Between(Import(Model(packed: true)), Import(Model(packed: false))));
        Assert.Null(LeanReaderDifferentialTests.Compare(Model(packed: false), "hand.onnx", OnnxImportOptions.Default));
    }

    /// <summary>Level: 0 model, 1 graph, 2 node, 3 attribute, 4 tensor, 5 value info.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void UnknownFieldsOfEveryWireType_AreSkipped(int level)
    {
        var bytes = Model(packed: true, (at, b) => at != level ? b
            : b.Varint(1000, 7).Fixed64(1001, -1).String(1002, "not used").Fixed32(1003, 1.5f).Message(1004, new ProtoBytes().Varint(1, 1)));
        Assert.Empty(GraphDifferences.Between(Import(Model(packed: true)), Import(bytes)));
        Assert.Null(LeanReaderDifferentialTests.Compare(bytes, "hand.onnx", OnnxImportOptions.Default));
    }

    [Fact]
    public void KnownFieldWithAnotherWireType_IsSkippedAsProtobufDoes()
    {
        // A node's name (field 3) written as a varint: protobuf treats it as an unknown field.
        var bytes = Model(packed: true, (at, b) => at == 2 ? b.Varint(3, 5) : b);
        Assert.Equal("conv", Import(bytes).Nodes[0].Name);
        Assert.Null(LeanReaderDifferentialTests.Compare(bytes, "hand.onnx", OnnxImportOptions.Default));
    }

    [Fact]
    public void GraphGivenTwice_IsMerged()
    {
        var extraNode = new ProtoBytes().String(1, "y").String(2, "z").String(4, "Relu").String(3, "late");
        var bytes = new ProtoBytes().Append(Model(packed: true)).Message(7, new ProtoBytes().Message(1, extraNode).Message(12, ValueInfo("z", "N", 3, 3))).ToArray();
        var g = Import(bytes);
        Assert.Equal(["conv", "Relu_1", "late"], g.Nodes.Select(n => n.Name));
        Assert.Equal(["y", "z"], g.Outputs.ToArray());
        Assert.Null(LeanReaderDifferentialTests.Compare(bytes, "hand.onnx", OnnxImportOptions.Default));
    }

    [Fact]
    public void EveryTruncation_FailsNamingTheFile_OrImportsAWholeModel()
    {
        var bytes = Model(packed: true);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            try
            {
                Import(bytes[..cut], "cut.onnx");
                // Only a cut between top-level fields leaves a readable model: here, before the opset import.
                Assert.True(cut >= bytes.Length - 4, $"cut at {cut} of {bytes.Length} imported");
            }
            catch (CnnMemException e)
            {
                Assert.StartsWith("cut.onnx: ", e.Message);
            }
        }
    }

    [Fact]
    public void TruncatedGraph_SaysWhereTheDataEnds()
    {
        var bytes = Model(packed: true);
        var e = Assert.Throws<CnnMemException>(() => Import(bytes[..(bytes.Length / 2)], "half.onnx"));
        Assert.Matches(@"^half\.onnx: not a valid ONNX model \(protobuf: a field of \d+ bytes runs past the end of its message at byte \d+\)$", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, "a varint longer than 10 bytes")]
    [InlineData(new byte[] { 0x0b }, "wire type 3 (groups are not used by ONNX)")]
    [InlineData(new byte[] { 0x00, 0x01 }, "field number 0")]
    [InlineData(new byte[] { 0x08 }, "the data ends inside a field")]
    [InlineData(new byte[] { 0x3a, 0x05, 0x0a }, "a field of 5 bytes runs past the end of its message")]
    public void BrokenBytes_AreNotAValidModel(byte[] bytes, string what)
    {
        var e = Assert.Throws<CnnMemException>(() => Import(bytes, "broken.onnx"));
        Assert.StartsWith($"broken.onnx: not a valid ONNX model (protobuf: {what} at byte ", e.Message);
    }

    [Fact]
    public void BrokenAttributeInsideANode_IsNotAValidModel()
    {
        // The attribute's packed ints claim 9 bytes but hold 1.
        var bytes = Model(packed: true, (at, b) => at == 3 ? b.Tag(8, 2).Append(9, 1) : b);
        var e = Assert.Throws<CnnMemException>(() => Import(bytes, "attr.onnx"));
        Assert.StartsWith("attr.onnx: not a valid ONNX model (protobuf: ", e.Message);
    }

    [Fact]
    public void RepeatedStringsAndAttributeSets_AreShared()
    {
        var m = ImportTestModels.ConvModel("N");
        m.Graph.Node.Add(m.Graph.Node[0].Clone());
        m.Graph.Node[1].Name = "conv2";
        m.Graph.Node[1].Input[0] = m.Graph.Node[0].Output[0];
        m.Graph.Node[1].Output[0] = "y2";
        m.Graph.Node[1].Input[1] = "w2";
        m.Graph.Initializer.Add(ImportTestModels.Weight("w2", 4, 3, 3, 3));
        m.Graph.Output[0] = ImportTestModels.Tensor("y2", global::Onnx.TensorProto.Types.DataType.Float, "N", 4L, 4L, 4L);
        var g = OnnxImporter.FromModel(m, "two.onnx");
        Assert.Same(g.Nodes[0].Op, g.Nodes[1].Op);
        Assert.Same(g.Nodes[0].Attributes, g.Nodes[1].Attributes);
        Assert.Same(g.Nodes[0].Outputs[0], g.Nodes[1].Inputs[0]);
        Assert.Same(g.Initializers["w"].Tensor.Shape, g.Initializers["w2"].Tensor.Shape);
        Assert.Same(g.Initializers["w2"].Name, g.Nodes[1].Inputs[1]);
    }

    [Fact]
    public void AttributeSetsHoldingATensor_AreNotShared()
    {
        var value = new ProtoBytes().String(1, "value").Varint(20, 4).Message(5, new ProtoBytes().Varint(1, 1).Varint(2, 7).Packed(7, 5));
        ProtoBytes Constant(string output) => new ProtoBytes().String(2, output).String(4, "Constant").Message(5, value);
        var add = new ProtoBytes().String(1, "a").String(1, "b").String(2, "y").String(4, "Add");
        var graph = new ProtoBytes().Message(1, Constant("a")).Message(1, Constant("b")).Message(1, add).Message(12, ValueInfo("y", 1));
        var g = Import(new ProtoBytes().Message(7, graph).Message(8, new ProtoBytes().Varint(2, 13)).ToArray());
        Assert.Equal("Constant_0.value", g.Nodes[0].Attributes.Tensor("value")!.Name);
        Assert.Equal("Constant_1.value", g.Nodes[1].Attributes.Tensor("value")!.Name);
        Assert.Equal([5L], g.Nodes[1].Attributes.Tensor("value")!.Value!.Ints!.Value.ToArray());
    }
}
