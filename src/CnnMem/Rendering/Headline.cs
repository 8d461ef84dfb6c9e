using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Rendering;

/// <summary>
/// The answer first, as a summary section every renderer opens with: memory for inference and one training step at
/// this batch (the report's <see cref="ReportSummary"/>), parameters, MACs, and with a device whether each fits and
/// the largest batch that does. Only formats the summary's fields.
/// </summary>
internal static class Headline
{
    public static SummarySection? Section(AnalysisReport report, UnitSystem units)
    {
        if (report.Summary is not { } s)
        {
            return null;
        }
        var batch = ByteFormat.Count(report.Batch);
        var lines = ImmutableArray.CreateBuilder<SummaryLine>();
        lines.Add(new($"Inference, batch {batch}", Figure(s.InferenceBytes, s.InferenceUnderBudget, s.Device, units)));
        if (s.TrainingStepBytes is { } t)
        {
            lines.Add(new($"Training step ({Optimizers.Name(report.Optimizer)}), batch {batch}", Figure(t, s.TrainingUnderBudget, s.Device, units)));
        }
        lines.Add(new("Parameters", $"{ByteFormat.Human(s.Params)} ({ByteFormat.Count(s.Params)})"));
        lines.Add(new($"MACs, batch {batch}", $"{ByteFormat.Human(s.Macs)} ({ByteFormat.Count(s.Macs)})"));
        lines.Add(new("Activations, the classic textbook count",
            $"{ByteFormat.Count(report.Totals.ActivationElementsPerSample)} per sample; {ByteFormat.Bytes(report.Memory.Naive.ActivationBytes, units)} ({ByteFormat.Count(report.Memory.Naive.ActivationBytes)} bytes) at batch {batch}"));
        if (s.Device is { } device && s.DeviceBytes is { } budget)
        {
            lines.Add(new($"Fits {device} ({ByteFormat.Bytes(budget, UnitSystem.Iec)})", $"inference {YesNo(s.FitsInference)}, training {YesNo(s.FitsTraining)}"));
            lines.Add(new($"Largest batch on {device}", $"inference {Batch(s.MaxInferenceBatch)}, training {Batch(s.MaxTrainingBatch)}"));
            if (report.Memory.Model is { ProfileBorrowed: true, GpuArch: { } arch } m)
            {
                lines.Add(new($"GPU profile for {device}", $"{arch}: cuBLAS workspaces by PyTorch's rule for it ({ByteFormat.Bytes(m.BlasWorkspaceBytes ?? 0, UnitSystem.Iec)} per handle); " +
                    $"the CUDA context, cuDNN workspaces and the allocator's behaviour are borrowed from the measurements on {m.ProfileMeasuredOn}"));
            }
            foreach (var (mode, run) in new[] { ("inference", s.InferenceUnderBudget), ("training", s.TrainingUnderBudget) })
            {
                if (run is { Fits: true } r && r.Bytes < r.UnconstrainedBytes)
                {
                    lines.Add(new($"Why {mode} takes less on {device}", BudgetWords.Why(r, units)));
                }
                else if (run is { Fits: false, Failure: { } f })
                {
                    lines.Add(new($"Why {mode} does not fit {device}", $"batch {batch} {BudgetWords.Failure(f, units)}"));
                }
            }
        }
        return new SummarySection($"Answer: memory to plan with ({Basis(report, s)})", lines.ToImmutable())
        {
            Note = "The figures to plan with; the sections below break them down and show the textbook estimate for comparison."
                + (report.Memory.Device is { } d && SummaryBases.OnCuda(s.Basis) ? " " + Context(d, units) : "")
                + (s.Device is not null ? " With a device they are the memory under its budget, as fit decides it; the device view below is unconstrained (what PyTorch takes when the memory is there)." : ""),
        };
    }

    /// <summary>What a CUDA answer includes besides the tensors, in words, with the context's size.</summary>
    private static string Context(DeviceMemory d, UnitSystem units) => d.ContextBytes == 0
        ? "Both memory figures are what PyTorch's caching allocator reserves, with no CUDA context (--cuda-context 0); the device view lists every part."
        : $"Both memory figures include the CUDA context, {ByteFormat.Bytes(d.ContextBytes, units)} that the driver, kernels and library handles take "
            + "outside PyTorch's allocator, and the allocator's reserved cache; the device view lists every part.";

    private static string Basis(AnalysisReport report, ReportSummary s) => s.Basis switch
    {
        SummaryBasis.Textbook => "textbook method; the framework model did not run",
        _ => $"{FrameworkSummary.FrameworkName(report.Memory)}, {FrameworkSummary.Backend(report.Memory)}" + (SummaryBases.OnCuda(s.Basis) ? "; device totals" : ""),
    };

    /// <summary>A mode's figure: with a device the memory under its budget, the unconstrained figure beside it when they differ.</summary>
    private static string Figure(long bytes, BudgetRun? run, string? device, UnitSystem units)
    {
        var text = $"{ByteFormat.Bytes(bytes, units)} ({ByteFormat.Count(bytes)} bytes)";
        return run switch
        {
            null => text,
            { Fits: false } r => $"at least {text}: does not fit {device}; {ByteFormat.Bytes(r.UnconstrainedBytes, units)} unconstrained",
            { } r when r.Bytes < r.UnconstrainedBytes => $"{text} under the {device} budget; {ByteFormat.Bytes(r.UnconstrainedBytes, units)} unconstrained",
            _ => text,
        };
    }

    private static string YesNo(bool? b) => b switch { true => "yes", false => "no", null => "n/a" };

    private static string Batch(long? b) => b switch { null => "n/a", 0 => "none (batch 1 does not fit)", { } v => ByteFormat.Count(v) };
}
