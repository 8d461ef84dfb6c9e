using CnnMem.Reports;

namespace CnnMem.Tests.Keras;

/// <summary>
/// Every layer of every TensorFlow.js-built test model: cnnmem shows it under its Keras name (inputs included)
/// with Keras's output shape, and its parameters and trainable parameters equal countParams() and the size
/// of its trainable weights. The totals match the model's countParams().
/// </summary>
public sealed class KerasGroundTruthTests
{
    public static IEnumerable<object[]> Files() => KerasTestData.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Layers_MatchTensorFlowJs(string file, string model)
    {
        var expected = KerasTestData.Expected(model);
        var report = KerasTestData.Analyze(file, batch: 3);
        var problems = new List<string>();
        foreach (var e in expected.Layers)
        {
            Compare(report, e, problems);
        }
        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
        Assert.Equal(expected.Params, report.Totals.Params);
        Assert.Equal(expected.TrainableParams, report.Totals.TrainableParams);
        Assert.False(report.Totals.IsLowerBound);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Rows_OnePerKerasLayer_AddUpToTotals(string file, string model)
    {
        var expected = KerasTestData.Expected(model);
        var report = KerasTestData.Analyze(file);
        var layerNames = expected.Layers.Where(l => l.ClassName != "InputLayer").Select(l => l.Name).Order(StringComparer.Ordinal);
        Assert.Equal(layerNames, report.Layers.Select(l => l.Name).Order(StringComparer.Ordinal));
        Assert.Equal(report.Totals.Params, report.Layers.Sum(l => l.Params));
        Assert.Equal(report.Totals.TrainableParams, report.Layers.Sum(l => l.TrainableParams));
        Assert.Equal(report.Totals.Macs, report.Layers.Sum(l => l.Macs));
        var counted = report.Inputs.Sum(i => i.Elements!.Value) + report.Layers.Where(l => l.InTextbookSum).Sum(l => l.OutputElements!.Value);
        Assert.Equal(report.Totals.ActivationElements, counted);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TableRows_OnePerKerasLayer_InputLayersIncluded(string file, string model)
    {
        var expected = KerasTestData.Expected(model);
        var report = KerasTestData.Analyze(file);
        var rows = CnnMem.Rendering.ReportRows.Body(report);
        foreach (var e in expected.Layers)
        {
            var row = rows.SingleOrDefault(r => r.Layer == e.Name);
            Assert.True(row is not null, $"{file}: {e.Name} ({e.ClassName}) has no row");
            Assert.Equal((e.Name, e.ClassName), (row.Layer, row.Op));
        }
        // a Sequential model's input is a layer Keras makes itself (conv1_input): still an InputLayer row
        var extra = rows.Where(r => expected.Layers.All(e => e.Name != r.Layer)).ToList();
        Assert.All(extra, r => Assert.Equal(("InputLayer", CnnMem.Rendering.RowKind.Input), (r.Op, r.Kind)));
        Assert.True(extra.Count <= 1, $"{file}: rows no Keras layer has: {string.Join(", ", extra.Select(r => r.Layer))}");
    }

    [Fact]
    public void Seed_HasTheClassicAnswersParameterCount()
    {
        var report = KerasTestData.Analyze("seed.json", batch: 64);
        Assert.Equal(4_632_902, report.Totals.Params);
        Assert.Equal("nhwc", CnnMem.Rendering.DisplayShapes.LayoutName(report.Layout));
        // the same network as the built-in spec: the same activations and MACs
        var spec = CnnMem.Pipeline.Analyzer.Analyze(CnnMem.Import.Spec.SpecParser.Parse(File.ReadAllText(Path.Combine(KerasTestData.SourceDir()!, "examples", "seed.cnn")), "seed.cnn"), new CnnMem.AnalysisOptions { Batch = 64 });
        Assert.Equal(spec.Totals.ActivationElements, report.Totals.ActivationElements);
        Assert.Equal(spec.Totals.Macs, report.Totals.Macs);
    }

    [Fact]
    public void BatchNorm_MovingStatisticsAreNonTrainableParameters()
    {
        var report = KerasTestData.Analyze("sequential_cnn.json");
        var bn1 = report.Layers.Single(l => l.Name == "bn1");
        Assert.Equal((64L, 32L, 32L), (bn1.Params, bn1.TrainableParams, bn1.NonTrainableParams));
        var bn2 = report.Layers.Single(l => l.Name == "bn2"); // scale=False: no gamma
        Assert.Equal((96L, 32L), (bn2.Params, bn2.TrainableParams));
        Assert.Equal(96, report.Totals.NonTrainableParams);
    }

    private static void Compare(AnalysisReport report, ExpectedLayer e, List<string> problems)
    {
        long?[] shown;
        long prms = 0, trainable = 0;
        if (e.ClassName == "InputLayer")
        {
            var input = report.Inputs.SingleOrDefault(i => i.Name == e.Name);
            if (input is null)
            {
                problems.Add($"input '{e.Name}' is missing");
                return;
            }
            shown = KerasTestData.Shown(input.Shape, report.Layout);
        }
        else
        {
            var row = report.Layers.SingleOrDefault(l => l.Name == e.Name);
            if (row is null)
            {
                problems.Add($"layer '{e.Name}' ({e.ClassName}) has no row");
                return;
            }
            if (row.Op != e.ClassName)
            {
                problems.Add($"{e.Name}: op {row.Op}, expected {e.ClassName}");
            }
            shown = KerasTestData.Shown(row.OutputShape, report.Layout);
            (prms, trainable) = (row.Params, row.TrainableParams);
        }
        // TensorFlow.js writes the batch as null; cnnmem shows the analysed batch
        long?[] want = [report.Batch, .. e.OutputShape.Skip(1)];
        if (!want.SequenceEqual(shown))
        {
            problems.Add($"{e.Name} ({e.ClassName}): shape [{string.Join(", ", shown)}], expected [{string.Join(", ", want)}]");
        }
        if (prms != e.Params || trainable != e.TrainableParams)
        {
            problems.Add($"{e.Name} ({e.ClassName}): params {prms} (trainable {trainable}), expected {e.Params} (trainable {e.TrainableParams})");
        }
    }
}
