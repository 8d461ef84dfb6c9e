using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The figures below the layer table, as labelled lines shared by the console and Markdown renderers:
/// 1. totals (parameters, buffers, MACs, FLOPs);
/// 2. the textbook activation sum per sample and for the batch, and textbook inference;
/// 3. the textbook training estimate, one line per part, then their total;
/// 4. the framework model's inference, training and device sections (<see cref="FrameworkSummary"/>) when computed.
/// Every value comes from the report; nothing is added up here.
/// </summary>
internal static class SummaryBlock
{
    public static ImmutableArray<SummarySection> Sections(AnalysisReport report, UnitSystem units)
    {
        var t = report.Totals;
        var m = report.Memory.Naive;
        var dtype = DTypes.Name(report.DType);
        string Bytes(long b) => $"{ByteFormat.Bytes(b, units)} ({ByteFormat.Count(b)} bytes)";
        string Elements(long n, long b) => $"{ByteFormat.Count(n)} elements = {Bytes(b)}";

        var totals = ImmutableArray.CreateBuilder<SummaryLine>();
        totals.Add(new("Parameters", Elements(t.Params, t.ParamBytes)));
        totals.Add(new("  trainable / non-trainable", $"{ByteFormat.Count(t.TrainableParams)} / {ByteFormat.Count(t.NonTrainableParams)}"));
        if (t.BufferElements > 0)
        {
            totals.Add(new("Buffers (e.g. BatchNorm running statistics)", Elements(t.BufferElements, t.BufferBytes)));
        }
        totals.Add(new($"MACs (batch of {ByteFormat.Count(report.Batch)})", ByteFormat.Count(t.Macs)));
        totals.Add(new("FLOPs (2 x MACs + other element operations)", ByteFormat.Count(t.Flops)));

        var textbook = ImmutableArray.Create(
            new SummaryLine("Activations per sample (input + layer outputs)", Elements(t.ActivationElementsPerSample, m.ActivationBytesPerSample)),
            new SummaryLine($"Activations for the batch of {ByteFormat.Count(report.Batch)}", Elements(t.ActivationElements, m.ActivationBytes)),
            new SummaryLine("Parameters", Elements(t.Params, m.WeightBytes)),
            new SummaryLine("Inference (weights + activations)", Bytes(m.InferenceBytes)));

        var optimizer = Optimizers.Name(report.Optimizer);
        var training = ImmutableArray.Create(
            new SummaryLine("Activations", Bytes(m.ActivationBytes)),
            new SummaryLine("Activation gradients (same size)", Bytes(m.ActivationGradientBytes)),
            new SummaryLine("Weights", Bytes(m.WeightBytes)),
            new SummaryLine("Weight gradients (trainable)", Bytes(m.WeightGradientBytes)),
            new SummaryLine($"Optimizer state ({optimizer}, {m.OptimizerSlots} slot{(m.OptimizerSlots == 1 ? "" : "s")} per trainable weight)", Bytes(m.OptimizerStateBytes)),
            new SummaryLine("Total", Bytes(m.TrainingBytes)));

        return ImmutableArray.Create(
            new SummarySection("Totals", totals.ToImmutable()) { Note = "Counts over all layers; parameters and MACs are the headline's." },
            new SummarySection($"Textbook method ({dtype}, every output kept once)", textbook)
            {
                Note = "The classic hand calculation, kept for comparison: every output counted once, nothing freed, shared or reused.",
            },
            new SummarySection($"Textbook training estimate ({optimizer})", training)
            {
                Note = "The classic training estimate, for comparison: usually above the headline, as frameworks free activations after use, "
                    + "run ReLUs in place and keep only what backward needs; below it where workspaces or masks dominate.",
            })
            .AddRange(FrameworkSummary.Sections(report, units))
            .AddRange(ParallelSummary.Sections(report, units));
    }

    /// <summary>Notes printed after the figures: lower bounds and the unit system.</summary>
    public static ImmutableArray<string> Notes(AnalysisReport report, UnitSystem units)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        notes.AddRange(report.Notes);
        if (report.Totals.IsLowerBound)
        {
            notes.Add("Some ops are not supported: every total is a lower bound.");
        }
        notes.Add(ByteFormat.Footnote(units));
        return notes.ToImmutable();
    }
}
