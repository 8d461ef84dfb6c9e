using CnnMem.Graphs;

namespace CnnMem.Ops.Spatial;

/// <summary>
/// Output sizes of a transposed convolution, as the ONNX ConvTranspose spec defines them.
/// 1. Per axis the full size is stride * (in - 1) + output_padding + ((k - 1) * dilation + 1).
/// 2. With output_shape (spatial sizes, or all dims of which the spatial ones are taken) the output is that
///    shape; it may exceed the full size (negative total padding) by less than max(stride, dilation), as
///    output_padding may.
/// 3. Otherwise auto_pad SAME_UPPER/SAME_LOWER gives in * stride, VALID the full size, and NOTSET (default)
///    the full size minus pads[begin] and pads[end].
/// 4. output_padding must be smaller than the stride or the dilation (PyTorch refuses anything else), and every
///    size must come out at least 1; failures name the attribute.
/// </summary>
internal static class TransposedArithmetic
{
    public static long[] Outputs(Attributes attr, long[] spatialInput, long[] kernel)
    {
        var rank = spatialInput.Length;
        var strides = List(attr, "strides", rank);
        var dilations = List(attr, "dilations", rank);
        var outPad = attr.Ints("output_padding") is { } op ? Check(op.ToArray(), rank, "output_padding") : new long[rank];
        var pads = attr.Ints("pads") is { } p ? p.ToArray() : new long[2 * rank];
        OpContext.Require(pads.Length == 2 * rank, $"pads has {pads.Length} values, expected {2 * rank} (begin and end for each spatial axis)");
        OpContext.Require(pads.All(v => v >= 0), $"pads must not be negative, found [{string.Join(",", pads)}]");
        var autoPad = attr.Str("auto_pad", "NOTSET").ToUpperInvariant();
        var outputShape = attr.Ints("output_shape")?.ToArray();
        if (outputShape is not null)
        {
            OpContext.Require(outputShape.Length == rank || outputShape.Length == rank + 2,
                $"output_shape has {outputShape.Length} values, expected {rank} (the spatial sizes)");
            outputShape = outputShape[^rank..];
        }

        var outputs = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            OpContext.Require(kernel[i] > 0, $"kernel size must be positive, found {kernel[i]}");
            OpContext.Require(strides[i] > 0, $"stride must be positive, found {strides[i]}");
            OpContext.Require(dilations[i] > 0, $"dilation must be positive, found {dilations[i]}");
            OpContext.Require(outPad[i] >= 0 && outPad[i] < Math.Max(strides[i], dilations[i]),
                $"output_padding must be at least 0 and smaller than the stride or the dilation, found {outPad[i]} with stride {strides[i]} and dilation {dilations[i]}");
            var dk = checked(((kernel[i] - 1) * dilations[i]) + 1);
            var full = checked((strides[i] * (spatialInput[i] - 1)) + outPad[i] + dk);
            if (outputShape is not null)
            {
                outputs[i] = outputShape[i];
                // A size past the full one is implicit output padding (negative total padding), limited as output_padding is.
                var most = checked(full - outPad[i] + Math.Max(strides[i], dilations[i]) - 1);
                OpContext.Require(outputs[i] <= most, $"output_shape asks for {outputs[i]} on spatial axis {i}, but the transposed convolution gives at most {most} there (with output padding)");
            }
            else
            {
                outputs[i] = autoPad switch
                {
                    "SAME_UPPER" or "SAME_LOWER" => checked(spatialInput[i] * strides[i]),
                    "VALID" => full,
                    "NOTSET" or "" => full - pads[i] - pads[i + rank],
                    _ => throw new OpException($"auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, found '{autoPad}'"),
                };
            }
            OpContext.Require(outputs[i] >= 1, $"the output size on spatial axis {i} would be {outputs[i]}: the padding ({pads[i]} + {pads[i + rank]}) removes more than the transposed convolution produces ({full})");
        }
        return outputs;
    }

    private static long[] List(Attributes attr, string name, int rank) =>
        attr.Ints(name) is { } v ? Check(v.ToArray(), rank, name) : Enumerable.Repeat(1L, rank).ToArray();

    private static long[] Check(long[] values, int rank, string name)
    {
        OpContext.Require(values.Length == rank, $"{name} has {values.Length} values but the input has {rank} spatial dimensions");
        return values;
    }

}
