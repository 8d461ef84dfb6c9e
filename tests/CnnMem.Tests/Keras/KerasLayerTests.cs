using CnnMem.Import.Keras;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Keras;

/// <summary>
/// One-layer cases for arguments the TensorFlow.js models do not cover: each row is an input shape and a layer
/// (Keras's layout), the output shape Keras gives and Keras's parameter count (worked out from Keras's formulas).
/// </summary>
public sealed class KerasLayerTests
{
    [Theory]
    [InlineData("[null, 10, 3]", "Conv1D", "\"filters\": 4, \"kernel_size\": 3, \"padding\": \"causal\", \"dilation_rate\": 2", "3x10x4", 40)]
    [InlineData("[null, 8, 8, 4]", "Conv2D", "\"filters\": 8, \"kernel_size\": 3, \"groups\": 2, \"padding\": \"same\"", "3x8x8x8", 152)]
    [InlineData("[null, 8, 8, 4]", "Conv2D", "\"filters\": 6, \"kernel_size\": [3, 3], \"strides\": [2, 2], \"use_bias\": false", "3x3x3x6", 216)]
    [InlineData("[null, 5, 7, 2]", "Conv2DTranspose", "\"filters\": 3, \"kernel_size\": 1, \"strides\": 2", "3x10x14x3", 9)]
    [InlineData("[null, 6, 4]", "Reshape", "\"target_shape\": [-1, 8]", "3x3x8", 0)]
    [InlineData("[null, 6, 4]", "Reshape", "\"target_shape\": [null, 12]", "3x2x12", 0)]
    [InlineData("[null, 6, 5, 4]", "GlobalAveragePooling2D", "\"keepdims\": true", "3x1x1x4", 0)]
    [InlineData("[null, 6, 5, 4]", "Permute", "\"dims\": [2, 3, 1]", "3x5x4x6", 0)]
    [InlineData("[null, 6, 5, 4]", "Concatenate", "\"axis\": 2", "3x6x10x4", 0)]
    [InlineData("[null, 6, 5, 4]", "LeakyReLU", "\"alpha\": 0.2", "3x6x5x4", 0)]
    [InlineData("[null, 6, 5, 4]", "ReLU", "\"max_value\": 6.0", "3x6x5x4", 0)]
    [InlineData("[null, 6, 5, 4]", "Dense", "\"units\": 7, \"activation\": \"gelu\"", "3x6x5x7", 35)]
    [InlineData("[null, 12]", "Dense", "\"units\": 7, \"use_bias\": false, \"activation\": \"swish\"", "3x7", 84)]
    [InlineData("[null, 6]", "Embedding", "\"input_dim\": 100, \"output_dim\": 8", "3x6x8", 800)]
    [InlineData("[null, 4, 6, 6, 2]", "UpSampling3D", "\"size\": [1, 2, 3]", "3x4x12x18x2", 0)]
    [InlineData("[null, 10, 3]", "ZeroPadding1D", "\"padding\": [1, 2]", "3x13x3", 0)]
    [InlineData("[null, 10, 3]", "Cropping1D", "\"cropping\": [1, 2]", "3x7x3", 0)]
    [InlineData("[null, 10, 3]", "UpSampling1D", "\"size\": 3", "3x30x3", 0)]
    [InlineData("[null, 4, 6, 6, 2]", "GlobalMaxPooling3D", "", "3x2", 0)]
    [InlineData("[null, 4, 6, 6, 2]", "ZeroPadding3D", "\"padding\": 1", "3x6x8x8x2", 0)]
    [InlineData("[null, 4, 6, 6, 2]", "Cropping3D", "\"cropping\": [[1, 1], [0, 2], [2, 0]]", "3x2x4x4x2", 0)]
    public void Layer_GivesKerasShapeAndParams(string input, string cls, string config, string shape, long prms)
    {
        // Concatenate of the input with itself needs two inputs: write it as a functional model
        var json = cls == "Concatenate" ? KerasJson.Merge(input, cls, config) : KerasJson.Sequential(input, KerasJson.Layer(cls, "layer", config));
        var report = Analyzer.Analyze(KerasImporter.ImportJson(json, "test.json"), new AnalysisOptions { Batch = 3 });
        var row = report.Layers.Single(l => l.Name == "layer");
        Assert.Equal(cls, row.Op);
        Assert.Equal(shape, CnnMem.Rendering.DisplayShapes.Text(row.OutputShape, report.Layout));
        Assert.Equal(prms, row.Params);
    }

    [Fact]
    public void FrozenLayer_ParamsAreNonTrainable()
    {
        var json = KerasJson.Sequential("[null, 4]", KerasJson.Layer("Dense", "frozen", "\"units\": 3, \"trainable\": false"), KerasJson.Layer("Dense", "head", "\"units\": 2"));
        var report = Analyzer.Analyze(KerasImporter.ImportJson(json, "test.json"), new AnalysisOptions());
        Assert.Equal((23L, 8L), (report.Totals.Params, report.Totals.TrainableParams));
    }

    [Fact]
    public void ChannelsFirstModel_KeepsKerasOrder()
    {
        var json = KerasJson.Sequential("[null, 3, 8, 8]",
            KerasJson.Layer("Conv2D", "conv", "\"filters\": 4, \"kernel_size\": 3, \"data_format\": \"channels_first\""),
            KerasJson.Layer("BatchNormalization", "bn", "\"axis\": 1"));
        var report = Analyzer.Analyze(KerasImporter.ImportJson(json, "test.json"), new AnalysisOptions { Batch = 2 });
        Assert.Equal("nchw", CnnMem.Rendering.DisplayShapes.LayoutName(report.Layout));
        Assert.Equal("2x4x6x6", CnnMem.Rendering.DisplayShapes.Text(report.Layers.Single(l => l.Name == "bn").OutputShape, report.Layout));
        Assert.Equal((16L, 8L), (report.Layers.Single(l => l.Name == "bn").Params, report.Layers.Single(l => l.Name == "bn").TrainableParams));
    }

    [Fact]
    public void GroupedLayer_MemoryModelSeesItsParts()
    {
        var json = KerasJson.Sequential("[null, 8, 8, 3]", KerasJson.Layer("SeparableConv2D", "sep", "\"filters\": 4, \"kernel_size\": 3, \"activation\": \"relu\""));
        var graph = KerasImporter.ImportJson(json, "test.json");
        Assert.Equal(["sep/depthwise", "sep/pointwise", "sep/activation"], graph.Nodes.Select(n => n.Name));
        var report = Analyzer.Analyze(graph, new AnalysisOptions());
        Assert.Single(report.Layers);
        Assert.Equal(3, report.Memory.Training!.Layers.Length);
    }

    internal static AnalysisReport Analyze(string json, bool allowUnknown = false) =>
        Analyzer.Analyze(KerasImporter.ImportJson(json, "test.json"), new AnalysisOptions { AllowUnknown = allowUnknown });
}
