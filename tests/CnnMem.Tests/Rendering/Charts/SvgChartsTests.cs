using System.Xml.Linq;
using CnnMem.Rendering.Charts;
using CnnMem.Reports;
using CnnMem.Pipeline;
using CnnMem.Memory.Profiles;
using CnnMem.Rendering;

namespace CnnMem.Tests.Rendering.Charts;

/// <summary>The chart API the browser app relies on: standalone SVG documents from report data, null without it.</summary>
public class SvgChartsTests
{
    private static AnalysisReport Seed(bool chartData, Backend backend = Backend.Cpu, string? device = null) =>
        Analyzer.Analyze(TestModels.Seed(), new AnalysisOptions
        {
            Batch = 64,
            Optimizer = CnnMem.Optimizer.Adam,
            ChartData = chartData,
            Device = device,
            Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = backend },
        });

    [Fact]
    public void WithoutChartData_OnlyPerLayerChart()
    {
        var report = Seed(chartData: false);
        Assert.NotNull(SvgCharts.PerLayerMemory(report));
        Assert.Null(SvgCharts.TrainingTimeline(report));
        Assert.Null(SvgCharts.MemoryVsBatch(report));
    }

    [Theory]
    [InlineData("per-layer-memory")]
    [InlineData("training-timeline")]
    [InlineData("memory-vs-batch")]
    public void EachChart_IsAStandaloneSvgDocument(string name)
    {
        var report = Seed(chartData: true);
        var svg = name switch
        {
            "per-layer-memory" => SvgCharts.PerLayerMemory(report),
            "training-timeline" => SvgCharts.TrainingTimeline(report),
            _ => SvgCharts.MemoryVsBatch(report),
        };
        Assert.NotNull(svg);
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        Assert.Equal(name, doc.Root.Attribute("data-chart")!.Value);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", svg, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(doc.Descendants(ns + "text"));
    }

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.Cuda)]
    public void TimelinePeak_IsTheSummarysTrainingStep(Backend backend)
    {
        var report = Seed(chartData: true, backend);
        var timeline = report.Memory.Timeline!;
        if (backend == Backend.Cpu)
        {
            Assert.Equal(report.Summary!.TrainingStepBytes, timeline.Peak.AllocatedBytes);
        }
        else
        {
            // on CUDA the answer is what the caching allocator reserves (with what it caches); the timeline shows allocated bytes
            Assert.InRange(timeline.Peak.AllocatedBytes, report.Memory.Device!.ContextBytes + report.Memory.Device.StaticBytes, report.Summary!.TrainingStepBytes!.Value);
        }
        Assert.All(timeline.Steps, s => Assert.True(s.AllocatedBytes >= timeline.BaseBytes));
        Assert.Equal(["forward", "backward", "optimizer"], timeline.Steps.Select(s => s.Phase).Distinct());
        Assert.Equal(Enumerable.Range(0, timeline.Steps.Length), timeline.Steps.Select(s => s.Index));
    }

    [Fact]
    public void BatchSweep_AtTheReportsBatch_MatchesTheSummary_AndFitsAreTheFitSolvers()
    {
        var report = Seed(chartData: true, Backend.Cuda, device: "t4");
        var sweep = report.Memory.BatchSweep!;
        var here = sweep.Points.Single(p => p.Batch == 64);
        Assert.Equal(report.Summary!.TrainingStepBytes, here.TrainingBytes);
        var options = new AnalysisOptions { Optimizer = CnnMem.Optimizer.Adam, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda, GpuArch = "sm_75" } }; // the t4's architecture, as the analyzer sets it from the device
        var fit = FitModel.FitTraining(TestModels.Seed(), options with { Optimizer = CnnMem.Optimizer.Adam }, DeviceTable.Bytes("t4"));
        Assert.Equal(fit.Batch, sweep.Devices.Single().MaxTrainingBatch);
        Assert.Equal(fit.Batch, report.Summary.MaxTrainingBatch);
        Assert.True(sweep.Points.Zip(sweep.Points.Skip(1)).All(p => p.First.Batch < p.Second.Batch));
    }

    [Fact]
    public void PerLayerChart_WithoutTrainingModel_IsNull()
    {
        var report = Seed(chartData: false) with { Memory = Seed(chartData: false).Memory with { Training = null } };
        Assert.Null(SvgCharts.PerLayerMemory(report));
    }
}
