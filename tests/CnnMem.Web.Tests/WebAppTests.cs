using System.Diagnostics;
using CnnMem.Import.Spec;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Reports;
using Xunit.Abstractions;
using CnnMem.Pipeline;

namespace CnnMem.Web.Tests;

/// <summary>
/// The published app in headless chromium: the seed's answer, live editing, spec errors at their line and
/// column, ONNX and Keras files read in the browser, the zoo, symbolic dims, several GPUs and the largest batch. Expected figures come from the library run on the same input.
/// </summary>
public sealed partial class WebAppTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static string Seed => BuiltInModels.TryGetText("seed", out var text, out _) ? text : throw new InvalidOperationException("no built-in seed");

    private static string ModelFile(string name) =>
        Path.Combine(PublishedApp.RepositoryRoot, "tests", "CnnMem.Tests", "TestData", "oracle", "models", name);

    /// <summary>The page analyses the editor's spec at the built-ins' batch of 64.</summary>
    private static AnalysisReport Expected(string spec) =>
        Analyzer.Analyze(SpecParser.Parse(spec, "seed.cnn"), Defaults(64));

    /// <summary>The page's defaults (the CLI's: PyTorch 2.x on CUDA) at a batch.</summary>
    private static AnalysisOptions Defaults(long batch, Optimizer optimizer = Optimizer.Sgd) => new()
    {
        Batch = batch,
        Optimizer = optimizer,
        Memory = new CnnMem.MemoryOptions { Framework = CnnMem.Framework.PyTorch2, Backend = CnnMem.Backend.Cuda },
    };

    /// <summary>The headline's training figure: on CUDA the device total (context and reserved), else the model's total.</summary>
    private static long TrainingHeadline(AnalysisReport r) => r.Memory.Device?.TrainingTotalBytes ?? r.Memory.Training!.SteadyPeakTotalBytes;

    /// <summary>The module an exported node name belongs to: "/layer1/layer1.0/conv1/Conv" gives "conv1".</summary>
    private static string ModuleOf(string name)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[^2] : "";
    }

    private static long InferenceHeadline(AnalysisReport r) => r.Memory.Device?.InferenceTotalBytes ?? r.Memory.Inference!.TotalBytes;

    [BrowserFact]
    public async Task Seed_ShowsTheClassicAnswer()
    {
        var clock = Stopwatch.StartNew();
        var page = await OpenAsync();
        output.WriteLine($"publish: {app.PublishTime.TotalSeconds:0.0} s; first render of the seed: {clock.Elapsed.TotalSeconds:0.0} s");

        // The classic answer's figures, which the library computes too.
        var expected = Expected(Seed);
        Assert.Equal(157_226, expected.Totals.ActivationElementsPerSample);
        Assert.Equal(4_632_902, expected.Totals.Params);
        Assert.Equal("157,226", await page.TextAsync("#activations .value"));
        Assert.Equal("4,632,902", await page.TextAsync("#params .value"));
        Assert.Equal(ByteFormat.Bytes(TrainingHeadline(expected), UnitSystem.Si), await page.TextAsync("#training .value"));
        Assert.Equal(ByteFormat.Bytes(InferenceHeadline(expected), UnitSystem.Si), await page.TextAsync("#inference .value"));
        Assert.Contains("Memory per layer", await page.TextAsync("#charts") ?? "");
        Assert.DoesNotContain("not available", await page.TextAsync("#charts") ?? "", StringComparison.Ordinal);
        // the slower charts come with their setting: the training step's timeline and memory against batch
        await page.EvaluateAsync("document.querySelector('#chart-data').click()");
        await page.WaitForTextAsync("#charts", t => t.Contains("Training step timeline", StringComparison.Ordinal) && t.Contains("Memory against batch", StringComparison.Ordinal), Patience, "the timeline and batch charts");

        // A click on the Params heading sorts the layer table by the raw numbers: the largest layer comes first.
        var most = expected.Layers.MaxBy(l => l.Params)!.Name;
        Assert.NotEqual(most, await page.TextAsync("#layer-table tbody td"));
        await page.EvaluateAsync("[...document.querySelectorAll('#layer-table th')].find(th => th.textContent.trim() === 'Params').click()");
        await page.WaitForTextAsync("#layer-table tbody td", t => t == most, Patience, "the layer table sorted by parameters");

        var shot = Path.Combine(AppContext.BaseDirectory, "web-seed.png");
        await page.ScreenshotAsync(shot);
        output.WriteLine($"screenshot: {shot}");
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task EditingTheSpec_UpdatesTheAnswer()
    {
        var page = await OpenAsync();
        var edited = Seed.Replace("fc 500", "fc 100", StringComparison.Ordinal);
        Assert.NotEqual(Seed, edited);
        var expected = Expected(edited);

        await page.TypeAsync("#spec", edited);
        await page.WaitForTextAsync("#params .value", t => t == ByteFormat.Count(expected.Totals.Params), Patience, "parameters after editing fc 500 to fc 100");
        Assert.Equal(ByteFormat.Count(expected.Totals.ActivationElementsPerSample), await page.TextAsync("#activations .value"));
        Assert.NotEqual("157,226", await page.TextAsync("#activations .value"));
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task BadSpec_ShowsTheErrorAtItsLineAndColumn()
    {
        var page = await OpenAsync();
        var bad = Seed.Replace("conv 64 3x3 pad=same", "conv 64 3x3 pad=samex", StringComparison.Ordinal);
        var error = Assert.Throws<CnnMemException>(() => SpecParser.Parse(bad, "seed.cnn"));
        var at = System.Text.RegularExpressions.Regex.Match(error.Message, @"^seed\.cnn:(\d+):(\d+): (.*)$");
        Assert.True(at.Success, error.Message);
        var shown = $"line {at.Groups[1].Value}, column {at.Groups[2].Value}: {at.Groups[3].Value}";

        await page.TypeAsync("#spec", bad);
        var text = await page.WaitForTextAsync("#spec-error", t => t.Contains(shown, StringComparison.Ordinal), Patience, "the spec error");
        Assert.Contains("pad=samex", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "web-bad-spec.png"));

        // Meanwhile the last good answer stays on screen, dimmed; fixing the spec clears the error.
        Assert.Equal("stale", (await page.EvaluateAsync("document.querySelector('#headline').parentElement.className")).GetString());
        await page.TypeAsync("#spec", Seed);
        await page.WaitForTextAsync("#app", t => !t.Contains(shown, StringComparison.Ordinal), Patience, "the error gone after fixing the spec");
        Assert.Null(await page.TextAsync("#spec-error"));
        Assert.Equal("4,632,902", await page.TextAsync("#params .value"));
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task AfterTheFirstVisit_WorksOffline()
    {
        var page = await OpenAsync();
        // The service worker caches every file of the app on install; once it is active, a reload needs no network.
        await page.EvaluateAsync("navigator.serviceWorker.ready.then(() => true)");
        await page.SetOfflineAsync(true);
        try
        {
            await page.ReloadAsync();
            await Task.Delay(500);
            await page.WaitForTextAsync("#params .value", t => t == "4,632,902", Patience, "the seed's parameters, offline");
            var controlled = await page.EvaluateAsync("navigator.serviceWorker.controller !== null");
            Assert.True(controlled.GetBoolean(), "the reloaded page is not served by the service worker");
        }
        finally
        {
            await page.SetOfflineAsync(false);
        }
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task Downloads_AreTheLibrarysReports()
    {
        var page = await OpenAsync();
        var expected = Expected(Seed);
        // Catch what the page hands to the browser's download instead of saving a file.
        await page.EvaluateAsync("window.cnnmem.download = (name, type, text) => { window.saved = { name, type, text }; }");
        foreach (var (button, file, text) in new[]
        {
            ("json", "seed.json", JsonReportWriter.Write(expected)),
            ("csv", "seed.csv", CsvReportWriter.Write(expected)),
            ("md", "seed.md", MarkdownReportWriter.Write(expected, UnitSystem.Si, perLayer: true)),
        })
        {
            await page.EvaluateAsync($"window.saved = null; document.querySelector('#download-{button}').click()");
            var got = await WaitForSavedAsync(page);
            Assert.Equal(file, got.GetProperty("name").GetString());
            Assert.Equal(text, got.GetProperty("text").GetString());
        }
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task Settings_ChangeTheAnswer_AndTheDeviceView()
    {
        var page = await OpenAsync();
        var graph = SpecParser.Parse(Seed, "seed.cnn");
        var adam = Analyzer.Analyze(graph, Defaults(64, Optimizer.Adam) with { Memory = new CnnMem.MemoryOptions { Framework = CnnMem.Framework.PyTorch2, Backend = CnnMem.Backend.Cpu } });
        await SelectAsync(page, "#backend", "Cpu");
        await SelectAsync(page, "#optimizer", "Adam");
        await page.WaitForTextAsync("#training .value", t => t == ByteFormat.Bytes(adam.Memory.Training!.SteadyPeakTotalBytes, UnitSystem.Si), Patience, "training memory with adam on the cpu");

        // On CUDA with a device chosen, the device view's totals are held against the GPU's memory.
        var cuda = Analyzer.Analyze(graph, Defaults(64, Optimizer.Adam) with { Device = "t4" }); // the t4's architecture (sm_75)
        await SelectAsync(page, "#backend", "Cuda");
        await SelectAsync(page, "#device", "t4");
        var panel = await page.WaitForTextAsync("#device-panel", t => t.Contains("fits", StringComparison.Ordinal), Patience, "the device panel");
        Assert.Contains($"inference needs {ByteFormat.Bytes(cuda.Memory.Device!.InferenceTotalBytes, UnitSystem.Si)}: fits", panel, StringComparison.Ordinal);
        Assert.Contains($"training (adam) needs {ByteFormat.Bytes(cuda.Memory.Device.TrainingTotalBytes, UnitSystem.Si)}: fits", panel, StringComparison.Ordinal);
        Assert.Equal(ByteFormat.Bytes(cuda.Memory.Device.TrainingTotalBytes, UnitSystem.Si), await page.TextAsync("#training .value"));
        await page.CloseAsync();
    }

    private static Task SelectAsync(BrowserPage page, string selector, string value) => page.EvaluateAsync(
        $"(() => {{ const e = document.querySelector('{selector}'); e.value = '{value}'; e.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()");

    private static async Task<System.Text.Json.JsonElement> WaitForSavedAsync(BrowserPage page)
    {
        for (var i = 0; i < 300; i++)
        {
            var v = await page.EvaluateAsync("window.saved");
            if (v.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                return v;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the page offered no download");
    }

    [BrowserTheory]
    [InlineData("seed_cnn.full.onnx")] // 18.5 MB with every weight: over the browser's default limit, weights skipped
    [InlineData("resnet50.onnx")]      // interactive on a large network
    public async Task OnnxFile_IsAnalysedInTheBrowser(string file)
    {
        var path = ModelFile(file);
        var expected = Analyzer.Analyze(OnnxImporter.Import(path), Defaults(1));
        var page = await OpenAsync();

        var clock = Stopwatch.StartNew();
        await page.SetFileAsync("#model-file", path);
        await page.WaitForTextAsync("#model-source", t => t.Contains(file, StringComparison.Ordinal), Patience, $"{file} loaded");
        await page.WaitForTextAsync("#params .value", t => t == ByteFormat.Count(expected.Totals.Params), Patience, $"{file} parameters");
        output.WriteLine($"{file}: read and analysed in {clock.Elapsed.TotalSeconds:0.0} s ({await page.TextAsync("#elapsed")})");

        Assert.Equal(ByteFormat.Count(expected.Totals.Macs), await page.TextAsync("#macs .value"));
        Assert.Equal(ByteFormat.Bytes(TrainingHeadline(expected), UnitSystem.Si), await page.TextAsync("#training .value"));

        // Long layer names are shortened to at most 40 characters; the full name is the cell's tooltip.
        var names = expected.Inputs.Select(i => i.Name).Concat(expected.Layers.Select(l => l.Name)).ToHashSet();
        var cells = await page.EvaluateAsync("[...document.querySelectorAll('#layer-table tbody tr td:first-child')].map(td => [td.textContent, td.title])");
        Assert.Equal(names.Count, cells.GetArrayLength());
        foreach (var cell in cells.EnumerateArray())
        {
            var (shown, full) = (cell[0].GetString()!, cell[1].GetString()!);
            // the library names layers by module path (/layer1/layer1.0/conv1/Conv is layer1.0.conv1), as the CLI's table does
            Assert.True(names.Any(n => n == full || n.TrimStart('/') == full || (ModuleOf(n) is { Length: > 0 } m && full.EndsWith(m, StringComparison.Ordinal))), $"'{full}' names no layer");
            Assert.True(shown.Length <= 40, $"'{shown}' is longer than 40 characters");
            Assert.Equal(full.Length > 40, shown != full);
        }
        await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, $"web-{file}.png"));
        await page.CloseAsync();
    }

    /// <summary>A new tab on the app, once the seed's answer is on screen.</summary>
    private async Task<BrowserPage> OpenAsync()
    {
        var page = await app.Browser.NewPageAsync();
        await page.NavigateAsync(app.Address.ToString());
        await page.WaitForTextAsync("#activations .value", t => t == "157,226", Patience, "the seed's activations per sample");
        return page;
    }
}
