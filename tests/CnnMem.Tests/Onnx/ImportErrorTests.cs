using CnnMem.Ops;
using CnnMem.Onnx;
using Google.Protobuf;
using Onnx;
using static CnnMem.Tests.Onnx.ImportTestModels;
using DataType = Onnx.TensorProto.Types.DataType;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Onnx;

/// <summary>Each kind of malformed model gives a <see cref="CnnMemException"/> that names the file and what is wrong.</summary>
public class ImportErrorTests
{
    private static CnnMemException Fails(ModelProto m, string file = "bad.onnx") =>
        Assert.Throws<CnnMemException>(() => OnnxImporter.FromModel(m, file));

    private static GraphProto ReluGraph()
    {
        var g = new GraphProto();
        g.Input.Add(Tensor("x", DataType.Float, "N", 4L));
        g.Node.Add(Node("Relu", "r", new[] { "x" }, new[] { "y" }));
        g.Output.Add(Tensor("y", DataType.Float, "N", 4L));
        return g;
    }

    [Fact]
    public void Import_RandomBytes_IsNotAValidModel()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var e = Assert.Throws<CnnMemException>(() => OnnxImporter.ImportBytes(bytes, "noise.onnx"));
        Assert.StartsWith("noise.onnx: ", e.Message);
    }

    [Fact]
    public void Import_TextFile_IsNotAValidModel()
    {
        var e = Assert.Throws<CnnMemException>(() => OnnxImporter.ImportBytes("input 50x50x3\nconv 32 3x3\n"u8.ToArray(), "net.cnn"));
        Assert.StartsWith("net.cnn: not a valid ONNX model", e.Message);
    }

    [Fact]
    public void Import_TruncatedFile_IsNotAValidModel()
    {
        var bytes = File.ReadAllBytes(OracleModel("resnet18.onnx"));
        var e = Assert.Throws<CnnMemException>(() => OnnxImporter.ImportBytes(bytes[..(bytes.Length / 2)], "half.onnx"));
        Assert.StartsWith("half.onnx: not a valid ONNX model", e.Message);
    }

    [Fact]
    public void Import_EmptyFile_HasNoGraph()
    {
        var e = Assert.Throws<CnnMemException>(() => OnnxImporter.ImportBytes(Array.Empty<byte>(), "empty.onnx"));
        Assert.Equal("empty.onnx: the model has no graph (not an ONNX model, or an empty file)", e.Message);
    }

    [Fact]
    public void Import_MissingFile_SaysNotFound()
    {
        var e = Assert.Throws<CnnMemException>(() => OnnxImporter.Import("/nonexistent/model.onnx"));
        Assert.Contains("/nonexistent/model.onnx", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Import_GraphWithoutNodes_Fails()
    {
        var g = ReluGraph();
        g.Node.Clear();
        Assert.Equal("bad.onnx: the graph has no nodes", Fails(Model(g)).Message);
    }

    [Fact]
    public void Import_Cycle_NamesTheNodes()
    {
        var g = ReluGraph();
        g.Node.Clear();
        g.Node.Add(Node("Add", "a", new[] { "x", "q" }, new[] { "p" }));
        g.Node.Add(Node("Relu", "b", new[] { "p" }, new[] { "q" }));
        g.Node.Add(Node("Relu", "c", new[] { "q" }, new[] { "y" }));
        var e = Fails(Model(g));
        Assert.Contains("cycle", e.Message);
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void Import_UndefinedInput_NamesTensor()
    {
        var g = ReluGraph();
        g.Node[0].Input[0] = "ghost";
        var e = Fails(Model(g));
        Assert.StartsWith("bad.onnx: ", e.Message);
        Assert.Contains("'ghost' is not defined", e.Message);
    }

    [Theory]
    [InlineData(-3L)]
    [InlineData(0L)]
    public void Import_NonPositiveInputDim_Fails(long dim)
    {
        var g = ReluGraph();
        g.Input[0] = Tensor("x", DataType.Float, "N", 4L, dim);
        Assert.Equal($"bad.onnx: input 'x' dim 2 is {dim}; every input dim must be at least 1", Fails(Model(g)).Message);
    }

    [Fact]
    public void Import_NegativeInitializerDim_Fails()
    {
        var m = ConvModel("N");
        m.Graph.Initializer[1].Dims[0] = -4;
        Assert.Contains("initializer 'b' dim 0 is -4", Fails(m).Message);
    }

    [Theory]
    [InlineData(99, "not an ONNX data type")]
    [InlineData(0, "no element type")]
    [InlineData(17, "does not support")]
    public void Import_BadElementType_Fails(int code, string expected)
    {
        var g = ReluGraph();
        g.Input[0].Type.TensorType.ElemType = code;
        var e = Fails(Model(g));
        Assert.Contains("input 'x'", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Import_OpsetMissing_Fails()
    {
        var e = Fails(Model(ReluGraph(), opset: 0));
        Assert.Contains("no opset version for the default ONNX domain", e.Message);
    }

    [Fact]
    public void Import_InputWithoutShape_Fails()
    {
        var g = ReluGraph();
        g.Input[0].Type.TensorType.Shape = null;
        Assert.Contains("input 'x' has no shape", Fails(Model(g)).Message);
    }

    [Fact]
    public void Import_SequenceInput_Fails()
    {
        var g = ReluGraph();
        g.Input[0].Type = new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = new TypeProto() } };
        Assert.Contains("input 'x' is a sequence", Fails(Model(g)).Message);
    }

    [Fact]
    public void Import_DuplicateInitializer_Fails()
    {
        var m = ConvModel("N");
        m.Graph.Initializer.Add(Weight("w", 1));
        Assert.Contains("initializer 'w' is defined twice", Fails(m).Message);
    }

    [Fact]
    public void Import_InitializerDataShorterThanDims_Fails()
    {
        var m = ConvModel("N");
        m.Graph.Initializer.Add(Int64Raw("shape", new long[] { 4 }, 1, 2, 3));
        Assert.Contains("initializer 'shape' has shape 4 (4 elements) but its data holds 3", Fails(m).Message);
    }

    [Fact]
    public void Import_RawDataNotWholeElements_Fails()
    {
        var m = ConvModel("N");
        var t = new TensorProto { Name = "odd", DataType = (int)DataType.Int64, RawData = ByteString.CopyFrom(new byte[5]) };
        t.Dims.Add(1);
        m.Graph.Initializer.Add(t);
        Assert.Contains("not a multiple of its element size 8", Fails(m).Message);
    }

    [Fact]
    public void Import_DuplicateAttribute_Fails()
    {
        var m = ConvModel("N");
        m.Graph.Node[0].Attribute.Add(Ints("pads", 0, 0, 0, 0));
        Assert.Contains("attribute 'pads' twice", Fails(m).Message);
    }

    [Fact]
    public void Analyze_AttributeOfWrongType_NamesAttribute()
    {
        var m = ConvModel("N");
        m.Graph.Node[0].Attribute[2] = Int("strides", 2);
        var g = OnnxImporter.FromModel(m, "bad.onnx");
        var e = Assert.Throws<CnnMemException>(() => Analyzer.Analyze(g, new AnalysisOptions()));
        Assert.Contains("attribute 'strides' should be a list of integers but is an integer", e.Message);
    }

    [Fact]
    public void Analyze_BatchBakedIntoConstant_HintsAtDynamicAxis()
    {
        var m = ConvModel(1L);
        m.Graph.Node.Add(new NodeProto { OpType = "Baked", Domain = "test", Name = "reshape", Input = { "y" }, Output = { "z" }, Attribute = { Int("elements", 4 * 8 * 8) } });
        m.Graph.Output[0] = Tensor("z", DataType.Float, 256L);
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "test", Version = 1 });
        var g = OnnxImporter.FromModel(m, "baked.onnx");
        var options = new AnalysisOptions { Registry = new OpRegistry(OpRegistry.Default.Rules.Append(new ImportBakedBatchRule())) };
        Assert.Equal(Shape.Of(256), Analyzer.Analyze(g, options with { Batch = 1 }).Outputs[0].Shape);
        var e = Assert.Throws<CnnMemException>(() => Analyzer.Analyze(g, options with { Batch = 8 }));
        Assert.Contains("exported with a fixed batch of 1", e.Message);
        Assert.Contains("dynamic batch axis", e.Message);
    }
}
