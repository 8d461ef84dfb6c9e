using System.Runtime.CompilerServices;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Reports;

namespace CnnMem.Tests.Api;

/// <summary>
/// The README's C# example is the body of <see cref="Example"/>, copied verbatim: this file compiles it,
/// the test runs it, and <see cref="Readme_ShowsThisExample"/> fails when the two texts drift apart.
/// </summary>
public class ReadmeExampleTests
{
    private static (AnalysisReport Seed, AnalysisReport Onnx) Example(string onnxPath, string outputFolder)
    {
        // README example begin
        var model = Model.BuiltIn("seed");  // or Model.LoadSpec("net.cnn"), OnnxModel.Load("resnet50.onnx")
        var report = model.Analyze(new AnalysisOptions { Batch = 64, Optimizer = Optimizer.Adam });

        Console.WriteLine($"{report.Model}: {report.Totals.Params:N0} parameters, {report.Totals.Macs:N0} MACs");
        Console.WriteLine($"inference peak {report.Memory.Inference!.TotalBytes:N0} bytes");
        Console.WriteLine($"training peak  {report.Memory.Training!.SteadyPeakTotalBytes:N0} bytes");
        File.WriteAllText(Path.Combine(outputFolder, "seed.json"), JsonReportWriter.Write(report));

        var onnx = OnnxModel.Load(onnxPath).Analyze(new AnalysisOptions { Batch = 8 });
        Console.WriteLine($"{onnx.Model}: {onnx.Layers.Length} layers");
        // README example end
        return (report, onnx);
    }

    [Fact]
    public void Example_Runs()
    {
        var folder = Directory.CreateTempSubdirectory("cnnmem-readme-").FullName;
        try
        {
            var (seed, onnx) = Example(Path.Combine(AppContext.BaseDirectory, "TestData", "oracle", "models", "resnet50.onnx"), folder);
            Assert.Equal(4_632_902, seed.Totals.Params);
            Assert.Equal(64, seed.Batch);
            Assert.Equal("resnet50", onnx.Model);
            Assert.Equal(8, onnx.Batch);
            Assert.StartsWith("{", File.ReadAllText(Path.Combine(folder, "seed.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Readme_ShowsThisExample()
    {
        var source = File.ReadAllLines(ThisFile());
        var begin = Array.FindIndex(source, l => l.Trim() == "// README example begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// README example end");
        var indent = source[begin].IndexOf('/', StringComparison.Ordinal);
        var body = source[(begin + 1)..end].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(string.Join("\n", body), readme);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
