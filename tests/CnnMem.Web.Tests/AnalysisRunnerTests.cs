using System.Collections.Immutable;
using CnnMem.Import.Keras;
using CnnMem.Import.Spec;
using CnnMem.Onnx;
using CnnMem.Pipeline;
using CnnMem.Web.Model;
using CnnMem.Zoo;
using CnnMem.Memory.Profiles;

namespace CnnMem.Web.Tests;

/// <summary>
/// The page's runner without a browser: zoo networks, Keras and ONNX files, symbolic dims, several GPUs and the
/// largest batch, each against the library call the CLI makes for the same option.
/// </summary>
public class AnalysisRunnerTests
{
    private static ModelSource Seed() =>
        BuiltInModels.TryGetText("seed", out var text, out _) ? new ModelSource(text, "seed.cnn") : throw new InvalidOperationException("no seed");

    private static ModelSource Zoo(string name) =>
        ZooModels.TryBuild(name, null, null, out var g) ? Seed().WithGraph(g!, ModelKind.Zoo, name) : throw new InvalidOperationException(name);

    /// <summary>What <c>cnnmem fit</c> passes to the solver: the model options only.</summary>
    private static AnalysisOptions FitOptions(WebSettings s) => new() { DType = s.DType, Memory = DeviceTable.OnDevice(s.Memory, s.Device), ParallelModels = false };

    [Fact]
    public void Zoo_IsAnalysedAtTheBuiltInBatch()
    {
        var outcome = AnalysisRunner.Run(Zoo("resnet18"), new WebSettings());
        Assert.Null(outcome.Error);
        var report = outcome.Report!;
        Assert.Equal(64, report.Batch); // a built-in, as 'cnnmem analyze resnet18'
        Assert.Equal(11_689_512, report.Totals.Params); // torchvision's resnet18
        Assert.Equal(ZooModels.Entries.Length, Choices.Zoo.Sum(f => f.Networks.Count));
        Assert.True(Choices.ZooCount >= 79, $"the zoo lists {Choices.ZooCount} networks");
    }

    [Fact]
    public void LayerRows_FoldAsTheClisGroupAndDepth()
    {
        var every = AnalysisRunner.Run(Zoo("resnet18"), new WebSettings()).Report!;
        var blocks = AnalysisRunner.Run(Zoo("resnet18"), new WebSettings { GroupConvBlocks = true }).Report!;
        var depth = AnalysisRunner.Run(Zoo("resnet18"), new WebSettings { GroupDepth = 1 }).Report!;

        Assert.Empty(every.Groups);
        Assert.Equal(Names(CnnMem.Costs.LayerFolding.ConvBlocks(ZooGraph("resnet18"), every.Layers)), Names(blocks.Groups));
        Assert.Equal(Names(CnnMem.Costs.LayerFolding.ByDepth(every.Layers, 1)), Names(depth.Groups));
        Assert.Equal(depth.Inputs.Length + depth.Groups.Length, CnnMem.Rendering.ReportRows.Shown(depth).Length);
    }

    private static IEnumerable<string> Names(IEnumerable<CnnMem.Reports.FoldedRow> rows) => rows.Select(r => $"{r.Name} {r.Op} {r.Members}");

    private static CnnMem.Graphs.ModelGraph ZooGraph(string name) =>
        ZooModels.TryBuild(name, null, null, out var g) ? g! : throw new InvalidOperationException(name);

    [Fact]
    public void DeviceFit_IsFitsAnswer_AndComesSecond()
    {
        var settings = new WebSettings { Device = "t4" };
        var first = AnalysisRunner.Run(Seed(), settings, deviceFit: false);
        Assert.True(first.FitPending);
        Assert.Null(first.Report!.Summary!.MaxInferenceBatch);

        var full = AnalysisRunner.Run(Seed(), settings);
        Assert.False(full.FitPending);
        var graph = SpecParser.Parse(Seed().Spec, "seed.cnn");
        var budget = DeviceTable.Bytes("t4");
        var s = full.Report!.Summary!;
        Assert.Equal(FitModel.FitInference(graph, FitOptions(settings), budget).Batch, s.MaxInferenceBatch);
        Assert.Equal(FitModel.FitTraining(graph, FitOptions(settings) with { Optimizer = Optimizer.Sgd }, budget).Batch, s.MaxTrainingBatch);
        Assert.True(s.MaxTrainingBatch > 64);
        Assert.Equal(first.Report.Summary.InferenceBytes, s.InferenceBytes); // the answer at this batch does not change
        Assert.Null(full.ParallelFit);
    }

    [Fact]
    public void SeveralGpus_GiveThePerDeviceMemory_AndFitGpusMicroBatch()
    {
        var settings = new WebSettings { Device = "t4", Gpus = 4, Strategy = ParallelStrategy.Fsdp, Optimizer = Optimizer.Adam };
        var outcome = AnalysisRunner.Run(Seed(), settings);
        var parallel = outcome.Report!.Memory.Parallel!;
        Assert.Equal(4, parallel.Gpus);
        Assert.Equal(ParallelStrategy.Fsdp, parallel.Strategy);
        Assert.Equal(64 * 4, parallel.GlobalBatch);

        var graph = SpecParser.Parse(Seed().Spec, "seed.cnn");
        var fit = ParallelFit.Fit(graph, FitOptions(settings) with { Optimizer = Optimizer.Adam }, settings.Parallel!, DeviceTable.Bytes("t4"));
        var shown = outcome.ParallelFit!;
        Assert.Equal(fit.Fit.Batch, shown.MicroBatch);
        Assert.Equal(fit.GlobalBatch, shown.GlobalBatch);
        Assert.Equal(fit.Fit.BytesAtBatch, shown.BytesAtBatch);
        Assert.True(shown.MicroBatch > 1);
    }

    [Fact]
    public void OneGpu_HasNoParallelSection()
    {
        Assert.Null(new WebSettings { Strategy = ParallelStrategy.Zero3 }.Parallel);
        Assert.Null(AnalysisRunner.Run(Seed(), new WebSettings()).Report!.Memory.Parallel);
        Assert.Equal(4, new WebSettings { GradAccum = 4 }.Parallel!.GradAccum);
    }

    [Fact]
    public void SymbolicDims_AreSetByName_AsTheCliDim()
    {
        var graph = OnnxImporter.Import(TestFiles.DynamicHw);
        var source = Seed().WithGraph(graph, ModelKind.Onnx, "dynamic_hw.onnx");
        Assert.Equal(["height", "width"], AnalysisRunner.Symbols(graph));

        var without = AnalysisRunner.Run(source, new WebSettings());
        Assert.Null(without.Report);
        Assert.Contains("height", without.Error, StringComparison.Ordinal);

        var dims = ImmutableDictionary<string, long>.Empty.Add("height", 64).Add("width", 48);
        var with = AnalysisRunner.Run(source, new WebSettings { Dims = dims.Add("seq", 7) }); // seq: left from another model, not this one's
        Assert.Null(with.Error);
        Assert.Equal(1, with.Report!.Batch); // a file: batch 1, as the CLI
        var expected = Analyzer.Analyze(graph, new AnalysisOptions { Batch = 1, Dims = dims, Memory = new WebSettings().Memory, ParallelModels = false });
        Assert.Equal(expected.Totals.Macs, with.Report.Totals.Macs);
        Assert.Equal([1L, 3L, 64L, 48L], with.Report.Inputs[0].Shape.Select(d => d.Value ?? -1));
    }

    [Theory]
    [InlineData("seed.json")]      // model.to_json()
    [InlineData("seed.tfjs.json")] // TensorFlow.js model.json
    public async Task KerasJson_IsRead(string file)
    {
        await using var stream = File.OpenRead(TestFiles.Keras(file));
        var (graph, kind) = await ModelFiles.ImportAsync(stream, file);
        Assert.Equal(ModelKind.Keras, kind);
        var outcome = AnalysisRunner.Run(Seed().WithGraph(graph, kind, file), new WebSettings());
        Assert.Equal(KerasImporter.Import(TestFiles.Keras(file)).Nodes.Length, graph.Nodes.Length);
        Assert.Equal(4_632_902, outcome.Report!.Totals.Params);
        Assert.Equal(1, outcome.Report.Batch);
    }

    [Fact]
    public async Task KerasArchive_IsRead()
    {
        var path = TestFiles.KerasArchive("seed");
        try
        {
            await using var stream = File.OpenRead(path);
            var (graph, kind) = await ModelFiles.ImportAsync(stream, "seed.keras");
            Assert.Equal(ModelKind.Keras, kind);
            Assert.Equal(4_632_902, AnalysisRunner.Run(Seed().WithGraph(graph, kind, "seed.keras"), new WebSettings()).Report!.Totals.Params);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("model.h5", "save the model as .keras")]
    [InlineData("model.pt", "export a PyTorch model to ONNX")]
    [InlineData("model.txt", "expected an .onnx file or a Keras model")]
    public void OtherFiles_AreRefusedWithWhatIsAccepted(string file, string says)
    {
        var e = Assert.Throws<CnnMemException>(() => ModelFiles.KindOf(file));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(file, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("320x256", 320, 256)]
    [InlineData(" 299 ", 299, 299)]
    [InlineData("128 x 64", 128, 64)]
    public void InputSize_ReadsHxW(string text, long h, long w) => Assert.Equal((h, w), InputSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0x3")]
    [InlineData("3x3x3")]
    [InlineData("big")]
    public void InputSize_Bad_IsAnError(string text) => Assert.Throws<CnnMemException>(() => InputSize.Parse(text));
}
