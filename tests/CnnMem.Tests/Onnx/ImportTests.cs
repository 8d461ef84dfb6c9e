using CnnMem.Graphs;
using CnnMem.Onnx;
using Google.Protobuf;
using Onnx;
using static CnnMem.Tests.Onnx.ImportTestModels;
using DataType = Onnx.TensorProto.Types.DataType;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Onnx;

public class ImportTests
{
    [Fact]
    public void Import_SymbolicBatch_KeepsSymbolAndInitializers()
    {
        var g = OnnxImporter.FromModel(ConvModel("batch"), "dir/tiny.v2.onnx");
        Assert.Equal("tiny", g.Name);
        Assert.Equal("dir/tiny.v2.onnx", g.Source);
        Assert.Equal("batch", g.BatchSymbol);
        Assert.Null(g.DefaultBatch);
        Assert.Equal(13, g.OpsetVersion);
        var x = Assert.Single(g.Inputs);
        Assert.Equal(Shape.Of(Dim.Sym("batch"), 3, 8, 8), x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(Shape.Of(4, 3, 3, 3), g.Initializers["w"].Tensor.Shape);
        Assert.Equal(new[] { "y" }, g.Outputs);
        var conv = Assert.Single(g.Nodes);
        Assert.Equal(new long[] { 1, 1, 1, 1 }, conv.Attributes.Ints("pads"));
        Assert.Equal(Shape.Of(Dim.Sym("batch"), 4, 8, 8), g.DeclaredShapes["y"].Shape);
    }

    [Fact]
    public void Import_StaticBatch_IsRebindableWithDefault()
    {
        var g = OnnxImporter.FromModel(ConvModel(1L), "tiny.onnx");
        Assert.Equal("N", g.BatchSymbol);
        Assert.Equal(1, g.DefaultBatch);
        Assert.Equal(Shape.Of(Dim.Sym("N"), 3, 8, 8), g.Inputs[0].Shape);
        // The declared output's fixed batch must not be checked against another batch.
        Assert.True(g.DeclaredShapes["y"].Shape[0].IsUnknown);
    }

    [Fact]
    public void Import_StaticBatch_RebindingCanBeTurnedOff()
    {
        var g = OnnxImporter.FromModel(ConvModel(2L), "tiny.onnx", new OnnxImportOptions { RebindStaticBatch = false });
        Assert.Null(g.BatchSymbol);
        Assert.Equal(Shape.Of(2, 3, 8, 8), g.Inputs[0].Shape);
    }

    [Fact]
    public void Import_UnnamedBatchDim_GetsSymbol()
    {
        var g = OnnxImporter.FromModel(ConvModel(null!), "tiny.onnx");
        Assert.Equal("N", g.BatchSymbol);
        Assert.Equal(Dim.Sym("N"), g.Inputs[0].Shape[0]);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(8L)]
    public void Import_StaticBatch_AnalysesAtAnyBatch(long batch)
    {
        var g = OnnxImporter.FromModel(ConvModel(1L), "tiny.onnx");
        var r = Analyzer.Analyze(g, new AnalysisOptions { Batch = batch });
        Assert.Equal(Shape.Of(batch, 4, 8, 8), r.Outputs[0].Shape);
        Assert.Equal(4 * 3 * 3 * 3 + 4, r.Totals.Params);
        Assert.DoesNotContain(r.Warnings, w => w.Contains("declared", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_IrVersion3_SkipsInitializersListedAsInputs()
    {
        var m = ConvModel("N");
        m.IrVersion = 3;
        m.Graph.Input.Add(Tensor("w", DataType.Float, 4L, 3L, 3L, 3L));
        m.Graph.Input.Add(Tensor("b", DataType.Float, 4L));
        var g = OnnxImporter.FromModel(m, "tiny.onnx");
        Assert.Equal(new[] { "x" }, g.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void Import_EmptyAndDuplicateNodeNames_AreMadeUnique()
    {
        var g = new GraphProto();
        g.Input.Add(Tensor("x", DataType.Float, "N", 4L));
        g.Node.Add(Node("Relu", "", new[] { "x" }, new[] { "a" }));
        g.Node.Add(Node("Relu", "r", new[] { "a" }, new[] { "b" }));
        g.Node.Add(Node("Relu", "r", new[] { "b" }, new[] { "c" }));
        g.Output.Add(Tensor("c", DataType.Float, "N", 4L));
        var names = OnnxImporter.FromModel(Model(g), "m.onnx").Nodes.Select(n => n.Name);
        Assert.Equal(new[] { "Relu_0", "r", "Relu_2" }, names);
    }

    [Fact]
    public void Import_AiOnnxDomain_IsDefaultDomain()
    {
        var m = ConvModel("N");
        m.OpsetImport.Clear();
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx", Version = 11 });
        m.Graph.Node[0].Domain = "ai.onnx";
        var g = OnnxImporter.FromModel(m, "tiny.onnx");
        Assert.Equal(11, g.OpsetVersion);
        Assert.Equal("", g.Nodes[0].Domain);
    }

    [Fact]
    public void Import_SmallIntInitializer_LoadsValues()
    {
        var m = ConvModel("N");
        m.Graph.Initializer.Add(Int64Raw("shape", new long[] { 3 }, 2, -1, 7));
        var typed = new TensorProto { Name = "axes", DataType = (int)DataType.Int32 };
        typed.Dims.Add(2);
        typed.Int32Data.AddRange(new[] { 0, -3 });
        m.Graph.Initializer.Add(typed);
        var g = OnnxImporter.FromModel(m, "tiny.onnx");
        Assert.Equal(new long[] { 2, -1, 7 }, g.Initializers["shape"].Tensor.Value!.Ints!.Value);
        Assert.Equal(new long[] { 0, -3 }, g.Initializers["axes"].Tensor.Value!.Ints!.Value);
        Assert.Null(g.Initializers["w"].Tensor.Value);
    }

    [Fact]
    public void Import_SmallFloatInitializer_LoadsReals()
    {
        var m = ConvModel("N");
        var scales = new TensorProto { Name = "scales", DataType = (int)DataType.Float };
        scales.Dims.Add(4);
        scales.FloatData.AddRange(new[] { 1f, 1f, 2f, 2.5f });
        m.Graph.Initializer.Add(scales);
        var half = new TensorProto { Name = "half", DataType = (int)DataType.Float16, RawData = ByteString.CopyFrom(BitConverter.GetBytes((Half)1.5)) };
        half.Dims.Add(1);
        m.Graph.Initializer.Add(half);
        var g = OnnxImporter.FromModel(m, "tiny.onnx");
        Assert.Equal(new[] { 1.0, 1.0, 2.0, 2.5 }, g.Initializers["scales"].Tensor.Value!.Reals!.Value);
        Assert.Equal(new[] { 1.5 }, g.Initializers["half"].Tensor.Value!.Reals!.Value);
    }

    [Fact]
    public void Import_LargeIntInitializer_HasNoValue()
    {
        var m = ConvModel("N");
        m.Graph.Initializer.Add(Int64Raw("big", new long[] { 1025 }, new long[1025]));
        Assert.Null(OnnxImporter.FromModel(m, "tiny.onnx").Initializers["big"].Tensor.Value);
    }

    [Fact]
    public void Import_ConstantTensorAttribute_BecomesTensorWithValue()
    {
        var g = new GraphProto();
        g.Input.Add(Tensor("x", DataType.Float, "N", 4L));
        var c = Node("Constant", "c", Array.Empty<string>(), new[] { "k" });
        c.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = Int64Raw("", new long[] { 2 }, 4, 5) });
        g.Node.Add(c);
        g.Node.Add(Node("Relu", "r", new[] { "x" }, new[] { "y" }));
        g.Output.Add(Tensor("y", DataType.Float, "N", 4L));
        var node = OnnxImporter.FromModel(Model(g), "m.onnx").Nodes.Single(n => n.Op == "Constant");
        var t = node.Attributes.Tensor("value")!;
        Assert.Equal(Shape.Of(2), t.Shape);
        Assert.Equal(new long[] { 4, 5 }, t.Value!.Ints!.Value);
    }

    [Fact]
    public void Import_AttributeKinds_AreConverted()
    {
        var m = ConvModel("N");
        var n = m.Graph.Node[0];
        n.Attribute.Add(new AttributeProto { Name = "f", Type = AttributeProto.Types.AttributeType.Float, F = 0.5f });
        n.Attribute.Add(new AttributeProto { Name = "s", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("SAME_UPPER") });
        var strs = new AttributeProto { Name = "ss", Type = AttributeProto.Types.AttributeType.Strings };
        strs.Strings.Add(ByteString.CopyFromUtf8("a"));
        n.Attribute.Add(strs);
        var fs = new AttributeProto { Name = "fs", Type = AttributeProto.Types.AttributeType.Floats };
        fs.Floats.AddRange(new[] { 0.25f, 2f });
        n.Attribute.Add(fs);
        n.Attribute.Add(new AttributeProto { Name = "g", Type = AttributeProto.Types.AttributeType.Graph, G = new GraphProto() });
        var a = OnnxImporter.FromModel(m, "tiny.onnx").Nodes[0].Attributes;
        Assert.Equal(0.5, a.Float("f", 0));
        Assert.Equal("SAME_UPPER", a.Str("s", ""));
        Assert.Equal(new[] { "a" }, a.Strings("ss"));
        Assert.Equal(new[] { 0.25, 2.0 }, a.Floats("fs"));
        Assert.Equal(AttrKind.Graph, a.Values["g"].Kind);
    }

    [Fact]
    public void Import_OracleWeightlessFile_ReadsDimsWithoutData()
    {
        var g = OnnxImporter.Import(OracleModel("resnet50.onnx"));
        Assert.Equal("resnet50", g.Name);
        Assert.Equal(267, g.Initializers.Count);
        Assert.Equal(Shape.Of(64, 3, 7, 7), g.Initializers["conv1.weight"].Tensor.Shape);
        Assert.Equal(Shape.Of(Dim.Sym("N"), 3, 224, 224), g.Inputs[0].Shape);
        Assert.Equal(1, g.DefaultBatch);
        Assert.Equal(13, g.OpsetVersion);
        Assert.Equal(175, g.Nodes.Length); // manifest.json: n_nodes
    }

    [Fact]
    public void Import_OracleDynamicFile_KeepsSymbolN()
    {
        var g = OnnxImporter.Import(OracleModel("resnet18.dyn.onnx"));
        Assert.Equal("N", g.BatchSymbol);
        Assert.Null(g.DefaultBatch);
    }
}
