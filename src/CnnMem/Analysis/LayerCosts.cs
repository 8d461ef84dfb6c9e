using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Reports;

namespace CnnMem.Analysis;

/// <summary>Per-node rows (output, parameters, MACs) and the totals that add them up.</summary>
public static class LayerCosts
{
    public static ImmutableArray<LayerReport> Rows(InferenceResult inference) =>
        inference.Nodes.Select(n => Row(n, inference)).ToImmutableArray();

    private static LayerReport Row(NodeInference n, InferenceResult inference)
    {
        long prms = 0, trainable = 0, buffers = 0;
        foreach (var p in n.Params)
        {
            if (p.IsBuffer)
            {
                buffers = checked(buffers + p.Elements);
            }
            else
            {
                prms = checked(prms + p.Elements);
                if (n.Node.Trainable)
                {
                    trainable = checked(trainable + p.Elements);
                }
            }
        }
        var outputs = n.Outputs.Select(o => new TensorReport(o.Name, o.Shape, o.DType)).ToImmutableArray();
        return new LayerReport(n.Node.Name, n.Node.Op, outputs, prms, trainable, buffers, n.Result.Macs, CountsInTextbook(n, inference))
        {
            Source = n.Node.Source?.ToString(),
            Unknown = n.IsUnknownOp,
        };
    }

    /// <summary>
    /// Float layer outputs the rule says the textbook counts (not activations, dropout, views or shape arithmetic), and
    /// merges (add, concat) of layer outputs: layers the user wrote, which the textbook counts once like any other.
    /// An add with a weight or a constant operand (a bias, a scale) is arithmetic inside a layer, not a merge.
    /// </summary>
    private static bool CountsInTextbook(NodeInference n, InferenceResult inference) =>
        n.Outputs.Length > 0 && DTypes.IsFloat(n.Outputs[0].DType) &&
        (n.Result.CountsInTextbookSum || (n.Result.MergesLayers && MergesLayerOutputs(n, inference)));

    private static bool MergesLayerOutputs(NodeInference n, InferenceResult inference) =>
        n.Inputs.Length >= 2 && n.Inputs.All(i => i is not null && i.Value is null && !inference.Graph.Initializers.ContainsKey(i.Name));

    /// <summary>The textbook activation sum for the batch: graph inputs plus every counted layer's first output.</summary>
    public static long TextbookElements(InferenceResult inference)
    {
        long sum = 0;
        foreach (var i in inference.Inputs.Where(i => DTypes.IsFloat(i.DType)))
        {
            sum = checked(sum + (i.Elements ?? 0));
        }
        foreach (var n in inference.Nodes.Where(n => CountsInTextbook(n, inference)))
        {
            sum = checked(sum + (n.Outputs[0].Elements ?? 0));
        }
        return sum;
    }

    public static Totals Totalize(InferenceResult inference, ImmutableArray<LayerReport> rows, DType dtype, Func<long> perSample)
    {
        long prms = 0, trainable = 0, buffers = 0, paramBytes = 0, bufferBytes = 0, macs = 0, otherFlops = 0;
        foreach (var n in inference.Nodes)
        {
            foreach (var p in n.Params)
            {
                var bytes = checked(p.Elements * DTypes.SizeOf(p.DType));
                if (p.IsBuffer)
                {
                    buffers = checked(buffers + p.Elements);
                    bufferBytes = checked(bufferBytes + bytes);
                }
                else
                {
                    prms = checked(prms + p.Elements);
                    paramBytes = checked(paramBytes + bytes);
                    if (n.Node.Trainable)
                    {
                        trainable = checked(trainable + p.Elements);
                    }
                }
            }
            macs = checked(macs + n.Result.Macs);
            otherFlops = checked(otherFlops + n.Result.OtherFlops);
        }
        _ = rows;
        _ = dtype;
        var activations = TextbookElements(inference);
        return new Totals(prms, trainable, buffers, paramBytes, bufferBytes, perSample(), activations, macs, checked((2 * macs) + otherFlops))
        {
            IsLowerBound = !inference.UnknownOps.IsEmpty,
        };
    }
}
