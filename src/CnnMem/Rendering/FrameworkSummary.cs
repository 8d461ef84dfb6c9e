using System.Collections.Immutable;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The framework model's figures as summary sections, after the textbook ones:
/// 1. inference: static parts, the liveness activation peak and where it occurs, the workspace in it, arena plans, total;
/// 2. training: saved-for-backward, the pass peaks, gradients, optimizer state, the step, the persistent bytes and
///    the steady-state peak (the figure that decides out-of-memory), above the static bytes and as an absolute total;
/// 3. the device view (CUDA only): context, workspace limit and the caching allocator's rounding, each separately.
/// Every value is a report field; labels stay within the textbook labels' width so those lines keep their layout.
/// </summary>
public static class FrameworkSummary
{
    /// <summary>The framework version the model followed, from the report's echo of its settings.</summary>
    public static string FrameworkName(MemoryReport memory) => memory.Model?.Framework == "pytorch-2" ? "PyTorch 2.x" : "PyTorch 1.13";

    /// <summary>"cpu, oneDNN, 1 thread" or "cuda", plus mixed precision and checkpointing when on, from the report's echo of its settings.</summary>
    public static string Backend(MemoryReport memory)
    {
        if (memory.Model is not { } m)
        {
            return memory.Device is null ? "cpu" : "cuda";
        }
        var parts = new List<string> { m.Backend };
        if (m.Backend == "cpu")
        {
            parts.Add(m.Mkldnn ? "oneDNN" : "no oneDNN");
            parts.Add(m.Threads == 1 ? "1 thread" : $"{m.Threads} threads");
        }
        if (m.MixedPrecision)
        {
            parts.Add(m.AmpDType is { } t ? $"mixed precision ({t})" : "mixed precision");
        }
        parts.Add($"zero_grad {m.ZeroGrad}");
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
        string Bytes(long b) => $"{ByteFormat.Bytes(b, units)} ({ByteFormat.Count(b)} bytes)";
        var memory = report.Memory;
        var title = $"Framework model ({FrameworkName(memory)}, {Backend(memory)})";
        var sections = ImmutableArray.CreateBuilder<SummarySection>();

        if (memory.Inference is { } i)
        {
            var lines = ImmutableArray.CreateBuilder<SummaryLine>();
            lines.Add(new("Weights", Bytes(i.WeightBytes)));
            lines.Add(new("Buffers", Bytes(i.BufferBytes)));
            lines.Add(new("Input", Bytes(i.InputBytes)));
            lines.Add(new("Activation peak (liveness, above the static)", $"{Bytes(i.ActivationPeakBytes)} at {i.PeakAtLayer}"));
            lines.Add(new("  of which kernel workspace", Bytes(i.WorkspaceAtPeakBytes)));
            lines.Add(new("Output", Bytes(i.OutputBytes)));
            foreach (var a in i.Arenas)
            {
                lines.Add(new($"Arena plan, {a.Strategy} ({ByteFormat.Count(i.Alignment)} B aligned)", Bytes(a.Bytes)));
            }
            lines.Add(new("Total (static + activation peak)", Bytes(i.TotalBytes)));
            sections.Add(new SummarySection($"{title}: inference", lines.ToImmutable()));
        }

        if (memory.Training is { } t)
        {
            var lines = ImmutableArray.CreateBuilder<SummaryLine>();
            lines.Add(new("Static: weights, buffers, input, labels", Bytes(t.StaticBytes)));
            lines.Add(new("Saved for backward", Bytes(t.SavedForBackwardBytes)));
            lines.Add(new("Forward peak (above the static)", $"{Bytes(t.ForwardPeakBytes)} at {t.ForwardPeakAt}"));
            lines.Add(new("Held after forward", Bytes(t.AfterForwardBytes)));
            lines.Add(new("Backward peak, first step", $"{Bytes(t.BackwardPeakBytes)} at {t.BackwardPeakAt}"));
            lines.Add(new("Backward peak, later steps", Bytes(t.SteadyBackwardPeakBytes)));
            lines.Add(new("Weight gradients", Bytes(t.GradientBytes)));
            lines.Add(new($"Optimizer state ({t.Optimizer})", Bytes(t.OptimizerStateBytes)));
            lines.Add(new("Optimizer step temporaries", Bytes(t.OptimizerStepTemporaryBytes)));
            lines.Add(new("Optimizer step peak", Bytes(t.StepPeakBytes)));
            lines.Add(new("Persistent between steps", Bytes(t.PersistentBytes)));
            if (t.CheckpointEvery != 0)
            {
                lines.Add(new($"Checkpointing every {ByteFormat.Count(t.CheckpointEvery)} layers saves", Bytes(t.CheckpointSavingsBytes)));
            }
            lines.Add(new("Steady-state peak (above the static)", Bytes(t.SteadyPeakBytes)));
            lines.Add(new("Steady-state peak total (decides OOM)", Bytes(t.SteadyPeakTotalBytes)));
            sections.Add(new SummarySection($"{title}: training step ({t.Optimizer})", lines.ToImmutable()));
        }

        if (memory.Device is { } d)
        {
            sections.Add(new SummarySection("Device view (CUDA)", ImmutableArray.Create(
                new SummaryLine("CUDA context", Bytes(d.ContextBytes)),
                new SummaryLine("cuDNN workspace limit (per convolution)", Bytes(d.WorkspaceLimitBytes)),
                new SummaryLine("Static tensors", Bytes(d.StaticBytes)),
                new SummaryLine("Inference peak, allocator-rounded", Bytes(d.InferencePeakRoundedBytes)),
                new SummaryLine("  of which rounding", Bytes(d.InferenceRoundingBytes)),
                new SummaryLine("Inference total on the device", Bytes(d.InferenceTotalBytes)),
                new SummaryLine("Training steady peak, allocator-rounded", Bytes(d.TrainingSteadyPeakRoundedBytes)),
                new SummaryLine("  of which rounding", Bytes(d.TrainingRoundingBytes)),
                new SummaryLine("Training total on the device", Bytes(d.TrainingTotalBytes)))));
        }
        return sections.ToImmutable();
    }
}
