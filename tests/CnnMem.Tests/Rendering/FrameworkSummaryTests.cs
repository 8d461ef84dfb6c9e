using CnnMem.Import.Spec;
using CnnMem.Rendering;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Rendering;

/// <summary>The framework-model summary sections show the report's own figures, each once, and the device view only on CUDA.</summary>
public class FrameworkSummaryTests
{
    private static AnalysisReport Seed(Backend backend)
    {
        Assert.True(BuiltInModels.TryGet("seed", out var graph));
        return Analyzer.Analyze(graph!, new AnalysisOptions { Batch = 64, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = backend } });
    }

    private static string Value(IEnumerable<SummarySection> sections, string title, string label) =>
        sections.Single(s => s.Title.EndsWith(title, StringComparison.Ordinal)).Lines.Single(l => l.Label == label).Value;

    private static string Exact(long bytes) => $"({ByteFormat.Count(bytes)} bytes)";

    [Fact]
    public void Cpu_SectionsCarryReportFigures_NoDeviceView()
    {
        var report = Seed(Backend.Cpu);
        var sections = FrameworkSummary.Sections(report, UnitSystem.Si);
        var i = report.Memory.Inference!;
        var t = report.Memory.Training!;
        Assert.Equal(["Framework model (PyTorch 1.13, cpu, oneDNN, 1 thread, zero_grad zero): inference", "Framework model (PyTorch 1.13, cpu, oneDNN, 1 thread, zero_grad zero): training step (sgd)"], sections.Select(s => s.Title));
        Assert.EndsWith($"{Exact(i.ActivationPeakBytes)} at {i.PeakAtLayer}", Value(sections, "inference", "Activation peak (liveness, above the static)"), StringComparison.Ordinal);
        Assert.EndsWith(Exact(i.TotalBytes), Value(sections, "inference", "Total (static + activation peak)"), StringComparison.Ordinal);
        Assert.Equal(i.Arenas.Length, sections[0].Lines.Count(l => l.Label.StartsWith("Arena plan", StringComparison.Ordinal)));
        Assert.EndsWith(Exact(t.SavedForBackwardBytes), Value(sections, "(sgd)", "Saved for backward"), StringComparison.Ordinal);
        Assert.EndsWith(Exact(t.SteadyPeakBytes), Value(sections, "(sgd)", "Steady-state peak (above the static)"), StringComparison.Ordinal);
        Assert.EndsWith(Exact(t.SteadyPeakTotalBytes), Value(sections, "(sgd)", "Steady-state peak total (decides OOM)"), StringComparison.Ordinal);
        Assert.EndsWith(Exact(t.PersistentBytes), Value(sections, "(sgd)", "Persistent between steps"), StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_AddsDeviceView_EachPartSeparately()
    {
        var report = Seed(Backend.Cuda);
        var d = report.Memory.Device!;
        var sections = FrameworkSummary.Sections(report, UnitSystem.Iec);
        Assert.StartsWith("Framework model (PyTorch 1.13, cuda, zero_grad zero)", sections[0].Title, StringComparison.Ordinal);
        var inference = sections.Single(s => s.Title.StartsWith("Device view (CUDA): inference", StringComparison.Ordinal)).Title;
        var training = sections.Single(s => s.Title.StartsWith("Device view (CUDA): training step", StringComparison.Ordinal)).Title;
        Assert.EndsWith(Exact(d.ContextBytes), Value(sections, inference, "CUDA context (outside PyTorch's allocator)"), StringComparison.Ordinal);
        Assert.EndsWith(Exact(d.LibraryWorkspaceBytes), Value(sections, training, "cuBLAS workspaces, other library allocations"), StringComparison.Ordinal);
        Assert.EndsWith(Exact(d.InferenceCachedBytes), Value(sections, inference, "Reserved beyond the peak (cached, free)"), StringComparison.Ordinal);
        Assert.Contains("PyTorch sets no limit per convolution", sections.Single(s => s.Title == inference).Note, StringComparison.Ordinal);
        Assert.EndsWith(Exact(d.TrainingTotalBytes), Value(sections, training, "Total on the device"), StringComparison.Ordinal);
        Assert.Contains("MiB", Value(sections, training, "Total on the device"), StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryBlock_KeepsTextbookSectionsFirst()
    {
        var titles = SummaryBlock.Sections(Seed(Backend.Cpu), UnitSystem.Si).Select(s => s.Title).ToList();
        Assert.Equal(5, titles.Count);
        Assert.StartsWith("Textbook training estimate", titles[2], StringComparison.Ordinal);
        Assert.StartsWith("Framework model", titles[3], StringComparison.Ordinal);
    }
}
