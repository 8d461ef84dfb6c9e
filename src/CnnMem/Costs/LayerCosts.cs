using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Ops;
using CnnMem.Reports;

namespace CnnMem.Costs;

/// <summary>Per-node rows (output, parameters, MACs) and the totals that add them up.</summary>
internal static class LayerCosts
{
    public static ImmutableArray<LayerReport> Rows(InferenceResult inference)
    {
        // walked by index, every layer once, without a list per layer or a closure per node: this runs over every node
        var groups = LayerGroupIndex.Of(inference);
        var rows = new LayerReport[groups.Count];
        for (var g = 0; g < rows.Length; g++)
        {
            rows[g] = Row(groups.Members(g), inference);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(rows);
    }

    /// <summary>One row per layer: a lone node, or an importer's group of nodes (one source layer, each of its calls).</summary>
    private static LayerReport Row(ReadOnlySpan<int> group, InferenceResult inference)
    {
        var convention = inference.Graph.ParamConvention;
        long prms = 0, trainable = 0, buffers = 0, macs = 0;
        bool counted = false, unknown = false;
        foreach (var index in group)
        {
            var n = inference.Nodes[index];
            foreach (var p in n.Params)
            {
                if (!Reported(p, convention))
                {
                    continue;
                }
                if (IsBuffer(p, convention))
                {
                    buffers = checked(buffers + p.Elements);
                    continue;
                }
                prms = checked(prms + p.Elements);
                if (inference.IsTrainable(p))
                {
                    trainable = checked(trainable + p.Elements);
                }
            }
            macs = checked(macs + n.Result.Macs);
        }
        foreach (var index in group)
        {
            counted = counted || CountsInTextbook(inference.Nodes[index], inference);
            unknown = unknown || inference.Nodes[index].IsUnknownOp;
        }
        var first = inference.Nodes[group[0]].Node;
        return new LayerReport
        {
            Name = first.Layer?.Name ?? first.Name,
            Op = first.Layer?.Kind ?? first.Op,
            Outputs = Outputs(group, inference),
            Params = prms,
            TrainableParams = trainable,
            BufferElements = buffers,
            Macs = macs,
            InTextbookSum = counted,
            Source = first.Source?.ToString(),
            Unknown = unknown,
        };
    }

    /// <summary>A lone node's outputs; of a group, each output node's first output.</summary>
    private static ImmutableArray<TensorReport> Outputs(ReadOnlySpan<int> group, InferenceResult inference)
    {
        if (group.Length == 1)
        {
            var outputs = inference.Nodes[group[0]].Outputs;
            var reports = new TensorReport[outputs.Length];
            for (var i = 0; i < reports.Length; i++)
            {
                reports[i] = new TensorReport { Name = outputs[i].Name, Shape = outputs[i].Shape, DType = outputs[i].DType };
            }
            return ImmutableCollectionsMarshal.AsImmutableArray(reports);
        }
        return LayerGroups.OutputNodes(LayerGroups.Nodes(inference.Nodes, group))
            .Where(n => n.Outputs.Length > 0)
            .Select(n => new TensorReport { Name = n.Outputs[0].Name, Shape = n.Outputs[0].Shape, DType = n.Outputs[0].DType })
            .ToImmutableArray();
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

    private static bool MergesLayerOutputs(NodeInference n, InferenceResult inference)
    {
        if (n.Inputs.Length < 2)
        {
            return false;
        }
        foreach (var i in n.Inputs)
        {
            if (i is null || i.Value is not null || inference.Graph.Initializers.ContainsKey(i.Name))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The textbook activation sum for the batch: graph inputs plus every counted layer's first output. A layer made
    /// of several nodes counts once, with its own output (a Keras Conv2D with its ReLU, a SeparableConv2D), as its user sees it.
    /// </summary>
    // the analysis asks twice (the totals and the per-sample figure): summed once per inference result
    public static long TextbookElements(InferenceResult inference) =>
        Derived.Of(inference, nameof(TextbookElements), () => new StrongBox<long>(SumTextbook(inference))).Value;

    private static long SumTextbook(InferenceResult inference)
    {
        long sum = 0;
        foreach (var i in inference.Inputs)
        {
            if (DTypes.IsFloat(i.DType))
            {
                sum = checked(sum + (i.Elements ?? 0));
            }
        }
        var groups = LayerGroupIndex.Of(inference);
        for (var g = 0; g < groups.Count; g++)
        {
            var members = groups.Members(g);
            if (!CountsInTextbook(members, inference))
            {
                continue;
            }
            if (members.Length == 1)
            {
                sum = checked(sum + FirstFloatOutputElements(inference.Nodes[members[0]]));
                continue;
            }
            foreach (var n in LayerGroups.OutputNodes(LayerGroups.Nodes(inference.Nodes, members)))
            {
                sum = checked(sum + FirstFloatOutputElements(n));
            }
        }
        return sum;
    }

    private static bool CountsInTextbook(ReadOnlySpan<int> group, InferenceResult inference)
    {
        foreach (var index in group)
        {
            if (CountsInTextbook(inference.Nodes[index], inference))
            {
                return true;
            }
        }
        return false;
    }

    private static long FirstFloatOutputElements(NodeInference n) =>
        n.Outputs.Length > 0 && DTypes.IsFloat(n.Outputs[0].DType) ? n.Outputs[0].Elements ?? 0 : 0;

    public static Totals Totalize(InferenceResult inference, ImmutableArray<LayerReport> rows, DType dtype, Func<long> perSample)
    {
        long prms = 0, trainable = 0, buffers = 0, paramBytes = 0, bufferBytes = 0, macs = 0, otherFlops = 0;
        foreach (var n in inference.Nodes)
        {
            foreach (var p in n.Params)
            {
                if (!Reported(p, inference.Graph.ParamConvention))
                {
                    continue;
                }
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
                    if (inference.IsTrainable(p))
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
        return new Totals
        {
            Params = prms,
            TrainableParams = trainable,
            BufferElements = buffers,
            ParamBytes = paramBytes,
            BufferBytes = bufferBytes,
            ActivationElementsPerSample = perSample(),
            ActivationElements = activations,
            Macs = macs,
            Flops = checked((2 * macs) + otherFlops),
            IsLowerBound = !inference.UnknownOps.IsEmpty,
        };
    }
}
