using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The framework model's figures as summary sections, after the textbook ones:
/// 1. inference: static parts, the liveness activation peak and where it occurs, the workspace in it, arena plans, total;
/// 2. training: saved-for-backward, the pass peaks, gradients, optimizer state, the step, the persistent bytes and
///    the steady-state peak (the figure that decides out-of-memory), above the static bytes and as an absolute total;
/// 3. the device view (CUDA only, <see cref="DeviceSummary"/>): the parts of each device total, which add up to it.
/// Every value is a report field; labels stay within the textbook labels' width so those lines keep their layout.
/// </summary>
internal static class FrameworkSummary
{
    /// <summary>The framework version the model followed, from the report's echo of its settings.</summary>
    public static string FrameworkName(MemoryReport memory) => Frameworks.Title(memory.Model?.Framework ?? Framework.PyTorch113);

    /// <summary>The profile line the table and Markdown name in their titles ("PyTorch 2.x, cuda, zero_grad set-to-none, foreach optimizer"), for formats without titles (CSV's stderr note).</summary>
    public static string Profile(MemoryReport memory) => $"{FrameworkName(memory)}, {Backend(memory)}";

    /// <summary>"cpu, oneDNN, 1 thread" or "cuda", plus mixed precision and checkpointing when on, from the report's echo of its settings.</summary>
    public static string Backend(MemoryReport memory)
    {
        if (memory.Model is not { } m)
        {
            return Backends.Name(memory.Device is null ? CnnMem.Backend.Cpu : CnnMem.Backend.Cuda);
        }
        var parts = new List<string> { Backends.Name(m.Backend) };
        if (m.Backend == CnnMem.Backend.Cpu)
        {
            parts.Add(m.Mkldnn ? "oneDNN" : "no oneDNN");
            parts.Add(m.Threads == 1 ? "1 thread" : $"{m.Threads} threads");
        }
        if (m.MixedPrecision)
        {
            parts.Add(m.AmpDType is { } t ? $"mixed precision ({DTypes.Name(t)})" : "mixed precision");
        }
        parts.Add($"zero_grad {ZeroGradModes.Name(m.ZeroGrad)}");
        if (m.Foreach)
        {
            parts.Add("foreach optimizer");
        }
        if (m.ExpandableSegments)
        {
            parts.Add("expandable segments");
        }
        if (m.CheckpointEvery != 0)
        {
            parts.Add(m.CheckpointEvery < 0 ? "checkpoint every sqrt(n) layers" : $"checkpoint every {m.CheckpointEvery} layers");
        }
        return string.Join(", ", parts);
    }

    public static ImmutableArray<SummarySection> Sections(AnalysisReport report, UnitSystem units)
    {
        var memory = report.Memory;
        var title = $"Framework model ({FrameworkName(memory)}, {Backend(memory)})";
        var sections = ImmutableArray.CreateBuilder<SummarySection>();
        if (memory.Inference is { } i)
        {
            sections.Add(InferenceSection(i, memory.Device is null, title, units));
        }
        if (memory.Training is { } t)
        {
            sections.Add(TrainingSection(t, memory.Device is null, title, units));
        }
        sections.AddRange(DeviceSummary.Sections(memory, report.Batch, units));
        if (memory.CudnnWorkspaces is { } cudnn)
        {
            sections.Add(CudnnSummary.Section(cudnn));
        }
        return sections.ToImmutable();
    }

    private static string Figure(long b, UnitSystem units) => $"{ByteFormat.Bytes(b, units)} ({ByteFormat.Count(b)} bytes)";

    private static SummarySection InferenceSection(InferenceMemory i, bool noDeviceView, string title, UnitSystem units)
    {
        string Bytes(long b) => Figure(b, units);
        var lines = ImmutableArray.CreateBuilder<SummaryLine>();
        lines.Add(new("Weights", Bytes(i.WeightBytes)));
        lines.Add(new("Buffers", Bytes(i.BufferBytes)));
        lines.Add(new("Input", Bytes(i.InputBytes)));
        lines.Add(new("Activation peak (liveness, above the static)", $"{Bytes(i.ActivationPeakBytes)} at {Graphs.ModulePath.Of(i.PeakAtLayer, "")}"));
        lines.Add(new("  of which kernel workspace", Bytes(i.WorkspaceAtPeakBytes)));
        lines.Add(new("Output", Bytes(i.OutputBytes)));
        foreach (var a in i.Arenas)
        {
            lines.Add(new($"Arena plan, {a.Strategy} ({ByteFormat.Count(i.Alignment)} B aligned)", Bytes(a.Bytes)));
        }
        lines.Add(new("Total (static + activation peak)", Bytes(i.TotalBytes)));
        return new SummarySection($"{title}: inference", lines.ToImmutable())
        {
            Note = (noDeviceView ? "A no-grad forward as the framework runs it; its total is the headline's inference figure. " : "A no-grad forward as the framework runs it; the device view below adds the CUDA context and rounding for the headline. ")
                + "Liveness: bytes alive at once. Arena plans: one buffer laid out by a planner, never below the liveness peak.",
        };
    }

    private static SummarySection TrainingSection(TrainingMemory t, bool noDeviceView, string title, UnitSystem units)
    {
        string Bytes(long b) => Figure(b, units);
        var optimizer = Optimizers.Name(t.Optimizer);
        var lines = ImmutableArray.CreateBuilder<SummaryLine>();
        lines.Add(new("Static: weights, buffers, input, labels", Bytes(t.StaticBytes)));
        lines.Add(new("Saved for backward", Bytes(t.SavedForBackwardBytes)));
        lines.Add(new("Forward peak (above the static)", $"{Bytes(t.ForwardPeakBytes)} at {Graphs.ModulePath.Of(t.ForwardPeakAt, "")}"));
        lines.Add(new("Held after forward", Bytes(t.AfterForwardBytes)));
        lines.Add(new("Backward peak, first step", $"{Bytes(t.BackwardPeakBytes)} at {Graphs.ModulePath.Of(t.BackwardPeakAt, "")}"));
        lines.Add(new("Backward peak, later steps", Bytes(t.SteadyBackwardPeakBytes)));
        lines.Add(new("Weight gradients", Bytes(t.GradientBytes)));
        lines.Add(new($"Optimizer state ({optimizer})", Bytes(t.OptimizerStateBytes)));
        lines.Add(new("Optimizer step temporaries", Bytes(t.OptimizerStepTemporaryBytes)));
        lines.Add(new("Optimizer step peak", Bytes(t.StepPeakBytes)));
        lines.Add(new("Persistent between steps", Bytes(t.PersistentBytes)));
        if (t.CheckpointEvery != 0)
        {
            lines.Add(new($"Checkpointing every {ByteFormat.Count(t.CheckpointEvery)} layers saves", Bytes(t.CheckpointSavingsBytes)));
        }
        lines.Add(new("Steady-state peak (above the static)", Bytes(t.SteadyPeakBytes)));
        lines.Add(new("Steady-state peak total (decides OOM)", Bytes(t.SteadyPeakTotalBytes)));
        return new SummarySection($"{title}: training step ({optimizer})", lines.ToImmutable())
        {
            Note = noDeviceView
                ? "One step as the framework runs it: forward, loss, backward, optimizer step; the steady-state peak total is the headline's training figure."
                : "One step as the framework runs it: forward, loss, backward, optimizer step; the device view below adds the CUDA context and rounding for the headline.",
        };
    }
}
