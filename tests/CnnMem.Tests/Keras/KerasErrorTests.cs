using CnnMem.Import.Keras;
using CnnMem.Tests.Cli;

namespace CnnMem.Tests.Keras;

/// <summary>Bad Keras input: a sentence naming the file, the JSON path or line, the layer and its class; exit code 2, never a stack trace.</summary>
public sealed class KerasErrorTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("cnnmem-keras-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(temp, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string WithUnknown() => KerasJson.Sequential("[null, 8]",
        KerasJson.Layer("Dense", "fc", "\"units\": 4"),
        KerasJson.Layer("MyAttention", "attn", "\"heads\": 2"),
        KerasJson.Layer("Dense", "head", "\"units\": 2"));

    [Fact]
    public void UnknownLayerClass_NamesLayerAndClass_Exit2()
    {
        var run = CliRun.Of("analyze", Write("model.json", WithUnknown()));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("layer 'attn' (MyAttention)", run.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-unknown", run.Error, StringComparison.Ordinal);
        Assert.False(run.HasStackTrace);
    }

    [Fact]
    public void UnknownLayerClass_AllowUnknown_WarnsAndMarksLowerBound()
    {
        var report = KerasLayerTests.Analyze(WithUnknown(), allowUnknown: true);
        Assert.True(report.Totals.IsLowerBound);
        Assert.Contains(report.Warnings, w => w.Contains("MyAttention", StringComparison.Ordinal));
        Assert.True(report.Layers.Single(l => l.Name == "attn").Unknown);
        Assert.Equal(36, report.Totals.Params); // fc only: the head's input is unknown

        var run = CliRun.Of("analyze", Write("model.json", WithUnknown()), "--allow-unknown");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MyAttention", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"class_name\": \"Sequential\",\n \"config\": {\"layers\": [}\n}", "line 2")]
    [InlineData("{\"class_name\": \"Sequential\"", "not valid JSON")]
    [InlineData("[1, 2]", "$: expected a Keras model object")]
    [InlineData("{\"format\": \"layers-model\"}", "not a Keras model")]
    [InlineData("{\"class_name\": \"Linear\", \"config\": {}}", "$.class_name: expected a Keras model (Sequential, Functional or Model), found 'Linear'")]
    public void MalformedDocument_NamesFileAndPlace(string text, string message)
    {
        var run = CliRun.Of("analyze", Write("bad.json", text));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.json", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(run.HasStackTrace);
    }

    [Theory]
    [InlineData("\"units\": \"many\"", "$.config.layers[1].config.units: expected an integer, found the string \"many\"")]
    [InlineData("\"unitz\": 4", "$.config.layers[1].config: missing 'units'")]
    [InlineData("\"units\": 4, \"activation\": \"zigzag\"", "layer 'fc' (Dense): activation 'zigzag' is not supported")]
    public void BadLayerConfig_NamesJsonPathAndLayer(string config, string message)
    {
        var e = Assert.Throws<CnnMemException>(() => KerasImporter.ImportJson(KerasJson.Sequential("[null, 8]", KerasJson.Layer("Dense", "fc", config)), "m.json"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("m.json: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixedDataFormats_AreRefused()
    {
        var json = KerasJson.Sequential("[null, 8, 8, 3]",
            KerasJson.Layer("Conv2D", "a", "\"filters\": 2, \"kernel_size\": 1, \"data_format\": \"channels_last\""),
            KerasJson.Layer("Conv2D", "b", "\"filters\": 2, \"kernel_size\": 1, \"data_format\": \"channels_first\""));
        var e = Assert.Throws<CnnMemException>(() => KerasImporter.ImportJson(json, "m.json"));
        Assert.Contains("mixes data formats", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownInputSize_IsAClearError()
    {
        var e = Assert.Throws<CnnMemException>(() => KerasImporter.ImportJson(KerasJson.Sequential("[null, null, 8]", KerasJson.Layer("Dense", "fc", "\"units\": 2")), "m.json"));
        Assert.Contains("input 'x' has no fixed size on axis 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DanglingReference_NamesTheLayer()
    {
        var json = KerasJson.Merge("[null, 4]", "Add", "").Replace("[\"x\", 0, 0, {}], [\"x\", 0, 0, {}]", "[\"x\", 0, 0, {}], [\"ghost\", 0, 0, {}]", StringComparison.Ordinal);
        var e = Assert.Throws<CnnMemException>(() => KerasImporter.ImportJson(json, "m.json"));
        Assert.Contains("layer 'layer' (Add) reads 'ghost'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateInputNames_AreAnError()
    {
        var json = KerasJson.Merge("[null, 4]", "Add", "").Replace("\"input_layers\": [[\"x\", 0, 0]]", "\"input_layers\": [[\"x\", 0, 0], [\"x\", 0, 0]]", StringComparison.Ordinal)
            .Replace("{\"name\": \"x\", \"class_name\": \"InputLayer\"", "{\"name\": \"x\", \"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 4], \"name\": \"x\"}, \"inbound_nodes\": []}, {\"name\": \"x\", \"class_name\": \"InputLayer\"", StringComparison.Ordinal);
        var e = Assert.Throws<CnnMemException>(() => KerasImporter.ImportJson(json, "m.json"));
        Assert.Contains("two inputs are named 'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedExtension_ListsKeras()
    {
        var run = CliRun.Of("analyze", Write("model.h5", "x"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a Keras model (.json, .keras)", run.Error, StringComparison.Ordinal);
    }
}
