using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Ops;
using CnnMem.Reports;

namespace CnnMem.Analysis;

/// <summary>Per-node rows (output, parameters, MACs) and the totals that add them up.</summary>
public static class LayerCosts
{
    public static ImmutableArray<LayerReport> Rows(InferenceResult inference) =>
        LayerGroups.Of(inference).Select(g => Row(g, inference)).ToImmutableArray();

    /// <summary>One row per layer: a lone node, or an importer's group of nodes (one source layer, each of its calls).</summary>
    private static LayerReport Row(ImmutableArray<NodeInference> group, InferenceResult inference)
    {
        var convention = inference.Graph.ParamConvention;
        long prms = 0, trainable = 0, buffers = 0, macs = 0;
        foreach (var n in group)
        {
            foreach (var p in n.Params.Where(p => Reported(p, convention)))
            {
                if (IsBuffer(p, convention))
                {
                    buffers = checked(buffers + p.Elements);
                    continue;
                }
                prms = checked(prms + p.Elements);
                if (n.Node.Trainable && !p.IsBuffer)
                {
                    trainable = checked(trainable + p.Elements);
                }
            }
            macs = checked(macs + n.Result.Macs);
        }
        var first = group[0].Node;
        var outputs = group.Length == 1
            ? group[0].Outputs.Select(o => new TensorReport(o.Name, o.Shape, o.DType)).ToImmutableArray()
            : LayerGroups.OutputNodes(group).Where(n => n.Outputs.Length > 0).Select(n => new TensorReport(n.Outputs[0].Name, n.Outputs[0].Shape, n.Outputs[0].DType)).ToImmutableArray();
        return new LayerReport(first.Layer?.Name ?? first.Name, first.Layer?.Kind ?? first.Op, outputs, prms, trainable, buffers, macs, group.Any(n => CountsInTextbook(n, inference)))
        {
            Source = first.Source?.ToString(),
            Unknown = group.Any(n => n.IsUnknownOp),
        };
    }

    /// <summary>Keras has no integer state: PyTorch's BatchNorm step counter, which the memory model still holds, is not in a Keras model's counts.</summary>
    private static bool Reported(ParamSpec p, ParamConvention convention) =>
        !(convention == ParamConvention.NonTrainableWeights && p.IsBuffer && !DTypes.IsFloat(p.DType));

    /// <summary>Buffers stay apart, except float state under Keras's convention, which counts as a non-trainable parameter.</summary>
    private static bool IsBuffer(ParamSpec p, ParamConvention convention) =>
        p.IsBuffer && !(convention == ParamConvention.NonTrainableWeights && DTypes.IsFloat(p.DType));

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

    /// <summary>
    /// The textbook activation sum for the batch: graph inputs plus every counted layer's first output. A layer made
    /// of several nodes counts once, with its own output (a Keras Conv2D with its ReLU, a SeparableConv2D), as its user sees it.
    /// </summary>
    public static long TextbookElements(InferenceResult inference)
    {
        long sum = 0;
        foreach (var i in inference.Inputs.Where(i => DTypes.IsFloat(i.DType)))
        {
            sum = checked(sum + (i.Elements ?? 0));
        }
        foreach (var g in LayerGroups.Of(inference).Where(g => g.Any(n => CountsInTextbook(n, inference))))
        {
            foreach (var n in g.Length == 1 ? g : LayerGroups.OutputNodes(g))
            {
                if (n.Outputs.Length > 0 && DTypes.IsFloat(n.Outputs[0].DType))
                {
                    sum = checked(sum + (n.Outputs[0].Elements ?? 0));
                }
            }
        }
        return sum;
    }

    public static Totals Totalize(InferenceResult inference, ImmutableArray<LayerReport> rows, DType dtype, Func<long> perSample)
    {
        long prms = 0, trainable = 0, buffers = 0, paramBytes = 0, bufferBytes = 0, macs = 0, otherFlops = 0;
        foreach (var n in inference.Nodes)
        {
            foreach (var p in n.Params.Where(p => Reported(p, inference.Graph.ParamConvention)))
            {
                var bytes = checked(p.Elements * DTypes.SizeOf(p.DType));
                if (IsBuffer(p, inference.Graph.ParamConvention))
                {
                    buffers = checked(buffers + p.Elements);
                    bufferBytes = checked(bufferBytes + bytes);
                }
                else
                {
                    prms = checked(prms + p.Elements);
                    paramBytes = checked(paramBytes + bytes);
                    if (n.Node.Trainable && !p.IsBuffer)
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
