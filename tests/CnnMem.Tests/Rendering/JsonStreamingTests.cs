using System.Text;
using CnnMem.Import.Spec;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Reports;
using CnnMem.Tests.Keras;
using CnnMem.Tests.Properties;
using CsCheck;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Rendering;

/// <summary>
/// The streaming JSON writer against the reference (the <see cref="JsonReport"/> document through the
/// source-generated serializer), byte for byte, over reports with every section; and its outputs (string, stream,
/// buffer, text writer) against each other.
/// </summary>
public class JsonStreamingTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in BuiltInModels.Names)
        {
            foreach (var variant in Variants.Keys)
            {
                data.Add(model, variant);
            }
        }
        return data;
    }

    // Each variant brings in other sections: device and rounding, timeline and batch sweep, parallel, notes.
    private static readonly Dictionary<string, AnalysisOptions> Variants = new()
    {
        ["cpu-sgd"] = new() { Batch = 3 },
        ["cuda-adam-charts-t4"] = new()
        {
            Batch = 16,
            Optimizer = Optimizer.Adam,
            ChartData = true,
            Device = "t4",
            Memory = new MemoryOptions { Backend = Backend.Cuda, Framework = Framework.PyTorch2 },
        },
        ["amp-checkpoint"] = new() { Batch = 8, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda, MixedPrecision = true, CheckpointEvery = 2 } },
        ["fp16-inference-only"] = new() { Batch = 1, DType = DType.Float16, FrameworkMemory = false },
        ["ddp4"] = new() { Batch = 4, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda }, Parallel = new DataParallelOptions { Gpus = 4 } },
        ["zero3x2"] = new() { Batch = 4, Optimizer = Optimizer.Adam, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda }, Parallel = new DataParallelOptions { Gpus = 2, Strategy = ParallelStrategy.Zero3 } },
        ["fsdp2"] = new() { Batch = 2, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda }, Parallel = new DataParallelOptions { Gpus = 2, Strategy = ParallelStrategy.Fsdp } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuiltIn_StreamedIsTheReference(string model, string variant)
    {
        Assert.True(BuiltInModels.TryGet(model, out var graph));
        AssertSameAsReference(Analyzer.Analyze(graph!, Variants[variant]));
    }

    [Theory]
    [InlineData("shufflenet_v2_x0_5")]
    [InlineData("mobilenet_v3_small")]
    [InlineData("squeezenet1_1")]
    public void ZooOnnx_StreamedIsTheReference(string name)
    {
        var graph = OnnxImporter.ImportBytes(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "zoo", name + ".train.onnx")), name + ".onnx");
        AssertSameAsReference(Analyzer.Analyze(graph, Variants["cuda-adam-charts-t4"]));
        AssertSameAsReference(Analyzer.Analyze(graph, Variants["cpu-sgd"]));
    }

    [Fact]
    public void ChannelsLastAndUnknownLayers_StreamedIsTheReference()
    {
        AssertSameAsReference(TestGraphs.Report());
        AssertSameAsReference(Analyzer.Analyze(TestGraphs.TwoConv(), new AnalysisOptions { Batch = 5, ChartData = true }));
        var unknown = KerasLayerTests.Analyze(KerasJson.Sequential("[null, 8]",
            KerasJson.Layer("Dense", "fc", "\"units\": 4"),
            KerasJson.Layer("MyAttention", "attn <é>", "\"heads\": 2"),
            KerasJson.Layer("Dense", "head", "\"units\": 2")), allowUnknown: true);
        Assert.Contains(unknown.Layers, l => l.Unknown);
        AssertSameAsReference(unknown);
    }

    [Fact]
    public void RandomSpecNets_StreamedIsTheReference()
    {
        Gen.Select(RandomNets.Gen, Gen.Long[1, 9], Gen.Bool).Sample((net, batch, charts) =>
            AssertSameAsReference(Analyzer.Analyze(SpecParser.Parse(net.Text, "prop \"net\".cnn"), new AnalysisOptions
            {
                Batch = batch,
                ChartData = charts,
                Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = charts ? Backend.Cuda : Backend.Cpu },
            })), iter: 60);
    }

    [Fact]
    public void EveryOutput_WritesTheSameBytes()
    {
        var report = Analyzer.Analyze(TestModels.Seed(), Variants["cuda-adam-charts-t4"]);
        var text = JsonReportWriter.Write(report);
        var stream = new MemoryStream();
        JsonReportWriter.Write(report, stream);
        Assert.Equal(text, Encoding.UTF8.GetString(stream.ToArray()));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1);
        JsonReportWriter.Write(report, buffer);
        Assert.Equal(text, Encoding.UTF8.GetString(buffer.WrittenSpan));
        var writer = new StringWriter();
        JsonReportWriter.Write(report, writer);
        Assert.Equal(text, writer.ToString());
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamWriter_GetsBytesAfterWhatItHeld()
    {
        var report = TestGraphs.Report();
        var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write("before ");
            JsonReportWriter.Write(report, writer);
            writer.Write("after");
        }
        Assert.Equal("before " + JsonReportWriter.Write(report) + "after", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void StreamBuffer_SmallerThanTheDocument_PassesEveryByteOnInOrder()
    {
        var report = Analyzer.Analyze(TestModels.Seed(), Variants["cuda-adam-charts-t4"]);
        var stream = new MemoryStream();
        var buffer = new StreamBufferWriter(stream, capacity: 16);
        JsonReportWriter.Write(report, buffer);
        buffer.Flush();
        Assert.True(stream.Length > 16 * 100);
        Assert.Equal(JsonReportWriter.Write(report), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void TextWriterStream_CharacterSplitAcrossWrites_DecodesWhole()
    {
        var bytes = Encoding.UTF8.GetBytes("a\u00e9\u20ac\U0001F600z");
        var writer = new StringWriter();
        using (var sink = new TextWriterUtf8Stream(writer))
        {
            foreach (var b in bytes)
            {
                sink.Write([b]);
            }
        }
        Assert.Equal("a\u00e9\u20ac\U0001F600z", writer.ToString());
    }

    private static void AssertSameAsReference(AnalysisReport report)
    {
        var expected = JsonReferenceSerializer.Write(report);
        var actual = JsonReportWriter.Write(report);
        if (expected != actual)
        {
            var at = expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
            Assert.Fail($"streamed JSON differs from the reference at char {at}:\n"
                + $"reference: ...{expected[Math.Max(0, at - 200)..Math.Min(expected.Length, at + 200)]}\n"
                + $"streamed:  ...{actual[Math.Max(0, at - 200)..Math.Min(actual.Length, at + 200)]}");
        }
    }
}
