using CnnMem.Import.Keras;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Keras;

/// <summary>The other places a Keras topology can sit and the older and newer ways of writing its input.</summary>
public sealed class KerasFormatTests
{
    private static string Seed => File.ReadAllText(Path.Combine(KerasTestData.Dir, "seed.json"));

    private static long Params(string json) =>
        Analyzer.Analyze(KerasImporter.ImportJson(json, "m.json"), new AnalysisOptions()).Totals.Params;

    [Fact]
    public void TfjsConverterOutput_ModelConfigUnderModelTopology()
    {
        // tensorflowjs_converter from a Keras HDF5 file nests the model under modelTopology.model_config
        var json = "{\"format\": \"layers-model\", \"modelTopology\": {\"keras_version\": \"2.15.0\", \"backend\": \"tensorflow\", \"model_config\": " + Seed + "}, \"weightsManifest\": []}";
        Assert.Equal(4_632_902, Params(json));
    }

    [Fact]
    public void Keras22Sequential_LayerListAsConfig()
    {
        var layers = Seed[(Seed.IndexOf("\"layers\":", StringComparison.Ordinal) + "\"layers\":".Length)..Seed.LastIndexOf(']')] + "]";
        Assert.Equal(4_632_902, Params("{\"class_name\": \"Sequential\", \"config\": " + layers + "}"));
    }

    [Fact]
    public void Keras3Sequential_BuildInputShapeWithoutInputLayer()
    {
        var json = "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
            + "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 3}, \"registered_name\": null}],"
            + " \"build_input_shape\": [null, 5]}, \"registered_name\": null}";
        var graph = KerasImporter.ImportJson(json, "m.json");
        Assert.Equal("d_input", graph.Inputs[0].Name);
        Assert.Equal(18, Params(json));
    }

    [Fact]
    public void IntegerIndices_AndAFixedBatch()
    {
        var json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"m\", \"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [16, 12], \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"int32\"}}, \"name\": \"tokens\"}}, "
            + KerasJson.Layer("Embedding", "embed", "\"input_dim\": 50, \"output_dim\": 4") + ", " + KerasJson.Layer("Flatten", "flat") + "]}}";
        var graph = KerasImporter.ImportJson(json, "m.json");
        Assert.Equal(16, graph.DefaultBatch);
        Assert.Equal(CnnMem.DType.Int32, graph.Inputs[0].DType);
        var report = Analyzer.Analyze(graph, new AnalysisOptions { Batch = 16 });
        Assert.Equal("16x48", report.Layers[^1].OutputShape.ToString());
        Assert.Equal(200, report.Totals.Params);
    }
}
