using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The device view (CUDA) as two sections, inference and the training step, each a list of parts that add up to its
/// total, the headline's figure: the CUDA context (outside the allocator), the library workspaces, the static tensors
/// in whole blocks, the allocated peak above them, and what the allocator keeps reserved beyond that peak. An
/// "of which" line breaks a part down and is not itself a part. Every value is a <see cref="DeviceMemory"/> field.
/// </summary>
internal static class DeviceSummary
{
    /// <summary>The first words of the total line; the lines before it (but "of which" lines) are its parts.</summary>
    public const string TotalLabel = "Total on the device";

    /// <summary>The first words of a line that breaks the part above it down.</summary>
    public const string OfWhich = "of which";

    public static ImmutableArray<SummarySection> Sections(MemoryReport memory, long batch, UnitSystem units)
    {
        if (memory.Device is not { } d)
        {
            return [];
        }
        string Bytes(long b) => $"{ByteFormat.Bytes(b, units)} ({ByteFormat.Count(b)} bytes)";
        var context = new SummaryLine("CUDA context (outside PyTorch's allocator)", Bytes(d.ContextBytes));
        var library = new SummaryLine("cuBLAS workspaces, other library allocations", Bytes(d.LibraryWorkspaceBytes));
        var limit = d.WorkspaceLimitBytes == 0
            ? "cuDNN may take any workspace (PyTorch sets no limit per convolution)"
            : $"cuDNN workspaces are capped at {ByteFormat.Bytes(d.WorkspaceLimitBytes, units)} per convolution";
        var sections = ImmutableArray.CreateBuilder<SummarySection>();
        sections.Add(new SummarySection($"Device view (CUDA): inference, batch {ByteFormat.Count(batch)}", ImmutableArray.Create(
            context,
            library,
            new SummaryLine("Static tensors (weights, buffers, input, labels)", Bytes(d.InferenceStaticTensorBytes)),
            new SummaryLine("Activation peak, allocator-rounded", Bytes(d.InferencePeakRoundedBytes)),
            new SummaryLine($"  {OfWhich} rounding", Bytes(d.InferenceRoundingBytes)),
            new SummaryLine("Reserved beyond the peak (cached, free)", Bytes(d.InferenceCachedBytes)),
            new SummaryLine(TotalLabel, Bytes(d.InferenceTotalBytes))))
        {
            Note = "What the GPU holds at the inference peak; the parts add up to the total, the headline's inference figure. "
                + $"The CUDA context is what the driver, the kernels and the library handles take before any tensor exists; {limit}. "
                + "Tensors are in the caching allocator's blocks; it keeps freed blocks reserved for reuse.",
        });
        if (memory.Training is { } t)
        {
            sections.Add(new SummarySection($"Device view (CUDA): training step ({Optimizers.Name(t.Optimizer)}), batch {ByteFormat.Count(batch)}", ImmutableArray.Create(
                context,
                library,
                new SummaryLine("Static tensors (weights, buffers, input, labels)", Bytes(d.TrainingStaticTensorBytes)),
                new SummaryLine("Steady-state peak, allocator-rounded", Bytes(d.TrainingSteadyPeakRoundedBytes)),
                new SummaryLine($"  {OfWhich} rounding", Bytes(d.TrainingRoundingBytes)),
                new SummaryLine("Reserved beyond the peak (cached, free)", Bytes(d.TrainingCachedBytes)),
                new SummaryLine(TotalLabel, Bytes(d.TrainingTotalBytes))))
            {
                Note = "What the GPU holds at the training step's peak; the parts add up to the total, the headline's training figure. "
                    + "The steady-state peak holds the gradients and optimizer state, the activations kept for backward and the step's temporaries.",
            });
        }
        return sections.ToImmutable();
    }
}
