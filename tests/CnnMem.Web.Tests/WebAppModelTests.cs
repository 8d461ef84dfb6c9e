using CnnMem.Import.Spec;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Zoo;
using CnnMem.Pipeline;

namespace CnnMem.Web.Tests;

/// <summary>The page's model sources and devices in the browser: the zoo, Keras files, symbolic dims, several GPUs and the largest batch.</summary>
public sealed partial class WebAppTests
{
    [BrowserFact]
    public async Task ConstantRows_AreHidden_AsInTheCli_AndShownOnRequest()
    {
        var page = await OpenAsync();
        Assert.True(ZooModels.TryBuild("squeezenet1_1", null, null, out var graph));
        var report = Analyzer.Analyze(graph!, Defaults(64));
        var all = CnnMem.Rendering.ReportRows.Body(report).Length;
        var constants = CnnMem.Rendering.ReportRows.Body(report).Count(CnnMem.Rendering.ReportRows.IsConstant);
        Assert.True(constants > 0, "squeezenet1_1's export has Constant nodes");

        await SelectAsync(page, "#builtin", "zoo:squeezenet1_1");
        var hint = await page.WaitForTextAsync("#constants-hint", t => t.Contains("hidden", StringComparison.Ordinal), Patience, "the hidden-constants hint");
        Assert.Contains($"{constants} Constant row", hint, StringComparison.Ordinal);
        Assert.Equal(all - constants, (await page.EvaluateAsync("document.querySelectorAll('#layer-table tbody tr').length")).GetInt32());

        await page.EvaluateAsync("document.querySelector('#show-constants').click()");
        await page.WaitForTextAsync("#constants-hint", t => t.Contains("shown", StringComparison.Ordinal), Patience, "the constants shown");
        Assert.Equal(all, (await page.EvaluateAsync("document.querySelectorAll('#layer-table tbody tr').length")).GetInt32());
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task ZooNetwork_IsBuilt_AndItsInputSizeChanges()
    {
        var page = await OpenAsync();
        Assert.True(ZooModels.TryBuild("resnet18", null, null, out var graph));
        var expected = Analyzer.Analyze(graph!, Defaults(64));
        var options = await page.EvaluateAsync("[...document.querySelectorAll('#builtin option')].filter(o => o.value.startsWith('zoo:')).length");
        Assert.Equal(ZooModels.Entries.Length, options.GetInt32());

        await SelectAsync(page, "#builtin", "zoo:resnet18");
        await page.WaitForTextAsync("#model-source", t => t.Contains("resnet18", StringComparison.Ordinal) && t.Contains("3x224x224", StringComparison.Ordinal), Patience, "resnet18 from the zoo");
        await page.WaitForTextAsync("#params .value", t => t == ByteFormat.Count(expected.Totals.Params), Patience, "resnet18's parameters");
        Assert.Equal(ByteFormat.Count(expected.Totals.Macs), await page.TextAsync("#macs .value"));
        Assert.Contains("batch of 64", await page.TextAsync("#macs .label") ?? "", StringComparison.Ordinal);

        // the CLI's --input 160x128
        Assert.True(ZooModels.TryBuild("resnet18", 160, 128, out var smaller));
        var small = Analyzer.Analyze(smaller!, Defaults(64));
        await SelectAsync(page, "#zoo-input", "160x128");
        await page.WaitForTextAsync("#macs .value", t => t == ByteFormat.Count(small.Totals.Macs), Patience, "resnet18's MACs at 160x128");
        Assert.Contains("'cnnmem analyze resnet18 --input 160x128'", await page.TextAsync("#model-source") ?? "", StringComparison.Ordinal);
        // a long layer table scrolls in its own box: the page itself never grows wider than the window
        Assert.True((await page.EvaluateAsync("document.documentElement.scrollWidth <= window.innerWidth")).GetBoolean(), "the page is wider than the window");
        await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "web-zoo.png"));
        await page.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("seed.json")]      // model.to_json()
    [InlineData("seed.tfjs.json")] // TensorFlow.js model.json
    [InlineData("seed.keras")]     // a Keras 3 archive
    public async Task KerasFile_IsAnalysedInTheBrowser(string file)
    {
        var path = file.EndsWith(".keras", StringComparison.Ordinal) ? TestFiles.KerasArchive("seed") : TestFiles.Keras(file);
        var expected = Analyzer.Analyze(CnnMem.Import.Keras.KerasImporter.Import(path), Defaults(1));
        var page = await OpenAsync();
        await page.SetFileAsync("#model-file", path);
        await page.WaitForTextAsync("#model-source", t => t.Contains(file, StringComparison.Ordinal) && t.Contains("Keras", StringComparison.Ordinal), Patience, $"{file} loaded");
        await page.WaitForTextAsync("#macs .label", t => t.Contains("batch of 1", StringComparison.Ordinal), Patience, $"{file} at batch 1");
        Assert.Equal(ByteFormat.Count(expected.Totals.Params), await page.TextAsync("#params .value"));
        Assert.Equal(ByteFormat.Count(expected.Totals.Macs), await page.TextAsync("#macs .value"));
        Assert.Equal(ByteFormat.Bytes(TrainingHeadline(expected), UnitSystem.Si), await page.TextAsync("#training .value"));
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task SymbolicDims_GetAFieldEach()
    {
        var graph = OnnxImporter.Import(TestFiles.DynamicHw);
        var dims = System.Collections.Immutable.ImmutableDictionary<string, long>.Empty.Add("height", 64).Add("width", 48);
        var expected = Analyzer.Analyze(graph, Defaults(1) with { Dims = dims });
        var page = await OpenAsync();
        await page.SetFileAsync("#model-file", TestFiles.DynamicHw);
        // without values the library's error says which dim is missing, and the page offers a field for each
        await page.WaitForTextAsync("#error", t => t.Contains("height", StringComparison.Ordinal), Patience, "the missing dim");
        Assert.NotNull(await page.TextAsync("label:has(#dim-width)"));
        Assert.Contains("height, width", await page.TextAsync("#symbols") ?? "", StringComparison.Ordinal);
        await SelectAsync(page, "#dim-height", "64");
        await SelectAsync(page, "#dim-width", "48");
        await page.WaitForTextAsync("#macs .value", t => t == ByteFormat.Count(expected.Totals.Macs), Patience, "MACs at 64x48");
        Assert.Null(await page.TextAsync("#error"));
        Assert.Equal(ByteFormat.Count(expected.Totals.Params), await page.TextAsync("#params .value"));
        await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "web-dims.png"));
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task LargestBatch_OnOneAndSeveralGpus_IsFitsAnswer()
    {
        var graph = SpecParser.Parse(Seed, "seed.cnn");
        var fitOptions = new AnalysisOptions { Memory = CnnMem.Memory.Profiles.DeviceTable.OnDevice(Defaults(1).Memory, "t4") }; // as fit --device t4 sets its architecture
        var budget = CnnMem.Memory.Profiles.DeviceTable.Bytes("t4");
        var inference = CnnMem.Pipeline.FitModel.FitInference(graph, fitOptions, budget).Batch;
        var training = CnnMem.Pipeline.FitModel.FitTraining(graph, fitOptions with { Optimizer = Optimizer.Sgd }, budget).Batch;
        var page = await OpenAsync();
        Assert.Contains("choose a device", await page.TextAsync("#largest-batch") ?? "", StringComparison.Ordinal);

        await SelectAsync(page, "#device", "t4");
        await page.WaitForTextAsync("#max-inference", t => t == ByteFormat.Count(inference), Patience, "the largest inference batch on a t4");
        Assert.Equal(ByteFormat.Count(training), await page.TextAsync("#max-training"));
        Assert.Contains("on t4", await page.TextAsync("#largest-batch .label") ?? "", StringComparison.Ordinal);
        Assert.Contains($"largest inference batch: {ByteFormat.Count(inference)}", await page.TextAsync("#device-panel") ?? "", StringComparison.Ordinal);

        // 4 GPUs, FSDP: the per-device training memory (the CLI's --gpus 4 --parallel fsdp) and fit --gpus's micro-batch
        var parallel = new CnnMem.DataParallelOptions { Gpus = 4, Strategy = CnnMem.ParallelStrategy.Fsdp };
        var perDevice = CnnMem.Pipeline.ParallelFit.Fit(graph, fitOptions with { Optimizer = Optimizer.Sgd }, parallel, budget);
        var analysed = Analyzer.Analyze(graph, Defaults(64) with { Parallel = parallel, Memory = fitOptions.Memory }); // on the t4 (sm_75), as the page
        await SelectAsync(page, "#gpus", "4");
        await SelectAsync(page, "#parallel", "Fsdp");
        var panel = await page.WaitForTextAsync("#device-panel", t => t.Contains("largest micro-batch per GPU, 4 GPUs fsdp", StringComparison.Ordinal), Patience, "the parallel fit");
        Assert.Contains($"largest micro-batch per GPU, 4 GPUs fsdp: {ByteFormat.Count(perDevice.Fit.Batch)} (global {ByteFormat.Count(perDevice.GlobalBatch)})", panel, StringComparison.Ordinal);
        Assert.Contains($"training per GPU, 4 x fsdp (micro-batch 64, global 256) needs {ByteFormat.Bytes(CnnMem.Memory.Parallel.ParallelModel.DeviceBytes(analysed.Memory.Parallel!), UnitSystem.Si)}", panel, StringComparison.Ordinal);
        Assert.Equal(ByteFormat.Count(inference), await page.TextAsync("#max-inference"));
        Assert.Equal(ByteFormat.Count(perDevice.Fit.Batch), await page.TextAsync("#max-training"));
        Assert.Contains($"global batch {ByteFormat.Count(perDevice.GlobalBatch)}; one GPU alone trains {ByteFormat.Count(training)}", await page.TextAsync("#largest-batch") ?? "", StringComparison.Ordinal);
        // the training card holds what each GPU must hold
        Assert.Equal(ByteFormat.Bytes(CnnMem.Memory.Parallel.ParallelModel.DeviceBytes(analysed.Memory.Parallel!), UnitSystem.Si), await page.TextAsync("#training .value"));
        Assert.Contains("Data-parallel training: FSDP2 full shard on 4 devices", await page.TextAsync("#details") ?? "", StringComparison.Ordinal);
        await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "web-gpus.png"));
        await page.CloseAsync();
    }
}
