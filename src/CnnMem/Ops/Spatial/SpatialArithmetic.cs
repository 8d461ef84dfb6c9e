using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Graphs;

namespace CnnMem.Ops.Spatial;

/// <summary>
/// Output-size arithmetic shared by convolutions and pools (ONNX conv/pool semantics, PyTorch's ceil mode).
/// 1. Read kernel_shape (or take it from the weight), strides, dilations (default 1) and pads
///    ([x1_begin, x2_begin, ..., x1_end, x2_end], default 0) or auto_pad (NOTSET, SAME_UPPER, SAME_LOWER, VALID;
///    SAME ignores ceil mode, VALID is NOTSET with zero pads, both as ONNX's shape inference does).
/// 2. Per axis: out = floor((in + pads - dilated_kernel) / stride) + 1, or ceil(...) + 1 in ceil mode,
///    where (as PyTorch and ONNX do) the last window must start inside the input or left padding.
/// 3. Fail with a sentence naming the attribute when a size is not positive or a list has the wrong length.
/// </summary>
internal static class SpatialArithmetic
{
    public static ImmutableArray<SpatialAxis> Compute(Attributes attr, long[] spatialInput, long[]? kernelFromWeight, bool ceilMode)
    {
        var windows = new AxisWindow[spatialInput.Length];
        Compute(attr, spatialInput, kernelFromWeight, kernelFromWeight is not null, ceilMode, windows);
        var axes = new SpatialAxis[windows.Length];
        for (var i = 0; i < axes.Length; i++)
        {
            axes[i] = windows[i].ToAxis();
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(axes);
    }

    /// <summary>
    /// As <see cref="Compute(Attributes, long[], long[], bool)"/>, into <paramref name="axes"/> (one per spatial axis) without
    /// allocating: this runs for every convolution and pool. The attribute lists are read as stored, never copied.
    /// </summary>
    internal static void Compute(Attributes attr, ReadOnlySpan<long> spatialInput, ReadOnlySpan<long> kernelFromWeight, bool kernelGiven, bool ceilMode, Span<AxisWindow> axes)
    {
        var rank = spatialInput.Length;
        ImmutableArray<long>? kernelAttr = kernelGiven ? null : List(attr, "kernel_shape", rank) ?? throw new OpException("needs attribute 'kernel_shape'");
        var kernel = kernelAttr is { } k ? k.AsSpan() : kernelFromWeight;
        OpContext.Require(kernel.Length == rank, $"kernel_shape has {kernel.Length} values but the input has {rank} spatial dimensions");
        // null: the default, 1 on every axis
        var strides = List(attr, "strides", rank);
        var dilations = List(attr, "dilations", rank);
        for (var i = 0; i < rank; i++)
        {
            OpContext.Require(kernel[i] > 0, $"kernel size must be positive, found {kernel[i]}");
            OpContext.Require(At(strides, i) > 0, $"stride must be positive, found {At(strides, i)}");
            OpContext.Require(At(dilations, i) > 0, $"dilation must be positive, found {At(dilations, i)}");
        }

        var autoPad = attr.Str("auto_pad", "NOTSET").ToUpperInvariant();
        var pads = Pads(attr, rank);

        for (var i = 0; i < rank; i++)
        {
            long stride = At(strides, i), dilation = At(dilations, i);
            var dk = checked(((kernel[i] - 1) * dilation) + 1);
            long begin = At(pads, i, 0), end = At(pads, i + rank, 0), output;
            switch (autoPad)
            {
                case "SAME_UPPER":
                case "SAME_LOWER":
                    output = checked((spatialInput[i] + stride - 1) / stride);
                    var total = Math.Max(0, checked(((output - 1) * stride) + dk - spatialInput[i]));
                    begin = autoPad == "SAME_UPPER" ? total / 2 : total - (total / 2);
                    end = total - begin;
                    break;
                case "VALID":
                    // ONNX's shape inference applies ceil_mode to VALID as well (pads are simply zero).
                    begin = end = 0;
                    output = Windowed(spatialInput[i], dk, stride, ceilMode, spatialInput[i]);
                    break;
                case "NOTSET":
                case "":
                    output = Windowed(spatialInput[i] + begin + end, dk, stride, ceilMode, spatialInput[i] + begin);
                    break;
                default:
                    throw new OpException($"auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, found '{autoPad}'");
            }
            if (output < 1)
            {
                var padded = spatialInput[i] + begin + end;
                throw new OpException(
                    $"the kernel ({Extent(kernel[i], dilation, dk)}) is larger than the {(begin + end > 0 ? "padded " : "")}input ({padded}) on spatial axis {i}: the output size would be {output}");
            }
            axes[i] = new AxisWindow(spatialInput[i], kernel[i], stride, dilation, begin, end, output);
        }
    }

    /// <summary>The explicit pads, begin and end per spatial axis, checked; null: no padding.</summary>
    private static ImmutableArray<long>? Pads(Attributes attr, int rank)
    {
        var pads = attr.Ints("pads");
        var padCount = pads?.Length ?? 2 * rank;
        OpContext.Require(padCount == 2 * rank, $"pads has {padCount} values, expected {2 * rank} (begin and end for each spatial axis)");
        if (pads is { } given && !given.All(p => p >= 0))
        {
            throw new OpException($"pads must not be negative, found [{string.Join(",", given)}]");
        }
        return pads;
    }

    private static long At(ImmutableArray<long>? list, int index, long fallback = 1) => list is { } l ? l[index] : fallback;

    /// <summary>Window count over a padded length; ceil mode drops a last window that would start in the right padding.</summary>
    private static long Windowed(long padded, long dk, long stride, bool ceil, long inputPlusBegin)
    {
        var travel = padded - dk;
        if (travel < 0)
        {
            return travel / stride; // 0 or negative: reported by the caller
        }
        if (!ceil)
        {
            return (travel / stride) + 1;
        }
        var output = ((travel + stride - 1) / stride) + 1;
        if ((output - 1) * stride >= inputPlusBegin)
        {
            output--;
        }
        return output;
    }

    private static string Extent(long k, long d, long dk) => d == 1 ? $"{k}" : $"{k} dilated by {d} = {dk}";

    /// <summary>An attribute list as stored (immutable, so not copied), or null when the node does not set it.</summary>
    private static ImmutableArray<long>? List(Attributes attr, string name, int rank)
    {
        var v = attr.Ints(name);
        if (v is { } given)
        {
            OpContext.Require(given.Length == rank, $"{name} has {given.Length} values but the input has {rank} spatial dimensions");
        }
        return v;
    }

    /// <summary>
    /// Warnings for axes whose windows do not tile the padded input exactly: one sentence per distinct
    /// case, naming every axis it applies to ("rows and columns" for a square input), so a square
    /// pool on a square map gives one warning, not two. In floor mode only axes that leave input unread
    /// (<see cref="SpatialAxis.DropsInput"/>) warn: unread padding, or a last gap no wider than the stride's
    /// gaps, tells the user nothing.
    /// </summary>
    public static ImmutableArray<string> UnevenWarnings(string what, IReadOnlyList<SpatialAxis> axes, bool ceilMode, bool stridedOnly = false)
    {
        // almost every layer divides evenly: answer that without building the groups
        var any = false;
        for (var i = 0; i < axes.Count; i++)
        {
            any |= Warns(axes[i].IsUneven, axes[i].DropsInput, axes[i].Stride, ceilMode, stridedOnly);
        }
        if (!any)
        {
            return ImmutableArray<string>.Empty;
        }
        var groups = axes
            .Select((a, i) => (Axis: a, Index: i))
            .Where(x => Warns(x.Axis.IsUneven, x.Axis.DropsInput, x.Axis.Stride, ceilMode, stridedOnly))
            .GroupBy(x => x.Axis with { Output = 0 });
        return groups
            .Select(g => Sentence(what, g.First().Axis, AxisNames(g.Select(x => x.Index).ToList()), ceilMode))
            .ToImmutableArray();
    }

    /// <summary>As <see cref="UnevenWarnings(string, IReadOnlyList{SpatialAxis}, bool, bool)"/>; the records are made only when an axis is uneven.</summary>
    internal static ImmutableArray<string> UnevenWarnings(string what, ReadOnlySpan<AxisWindow> axes, bool ceilMode, bool stridedOnly = false)
    {
        var any = false;
        foreach (var a in axes)
        {
            any |= Warns(a.IsUneven, a.DropsInput, a.Stride, ceilMode, stridedOnly);
        }
        if (!any)
        {
            return ImmutableArray<string>.Empty;
        }
        var records = new SpatialAxis[axes.Length];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = axes[i].ToAxis();
        }
        return UnevenWarnings(what, records, ceilMode, stridedOnly);
    }

    private static bool Warns(bool uneven, bool dropsInput, long stride, bool ceilMode, bool stridedOnly) =>
        uneven && (ceilMode || dropsInput) && (!stridedOnly || stride > 1);

    private static string AxisNames(IReadOnlyList<int> indices)
    {
        var names = indices.Select(i => i switch { 0 => "rows", 1 => "columns", _ => $"positions on axis {i}" }).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
    }

    private static string Sentence(string what, SpatialAxis a, string axisNames, bool ceilMode)
    {
        var dropped = a.Travel % a.Stride;
        var padding = a.PadBegin + a.PadEnd;
        var mode = ceilMode ? $"ceil mode gives {a.Output}" : $"floor gives {a.FloorOutput} (used), ceil would give {a.CeilOutput}";
        var consequence = ceilMode
            ? "the last window overhangs the input"
            : $"the last {dropped} of {a.Input + padding} {(padding > 0 ? "padded " : "")}{axisNames} {(dropped == 1 && !axisNames.Contains(" and ", StringComparison.Ordinal) ? "is" : "are")} never read";
        return $"{what} does not divide its input evenly: ({a.Input}{(padding > 0 ? $" + {padding} padding" : "")} - {a.DilatedKernel}) / {a.Stride} is not whole; {mode}; {consequence}";
    }
}
