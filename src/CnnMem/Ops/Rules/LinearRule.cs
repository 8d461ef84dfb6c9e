using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Fully connected layer (cnnmem's own op; spec <c>fc UNITS</c>, <c>dense</c>, <c>linear</c>).
/// 1. Spec layer (no weight input): flattens [N, ...] to [N, F] with F = prod(rest), as the classic answer's
///    Keras-style dense layer does; creates weight [UNITS, F] and, unless bias=false, bias [UNITS].
/// 2. With a weight input [UNITS, F] (PyTorch's layout), applies to the last axis when it has F elements
///    ([..., F] -> [..., UNITS], as torch's Linear), else flattens as above; an optional bias input must be [UNITS].
/// 3. MACs = rows * UNITS * F; OtherFlops = rows * UNITS bias adds.
/// 4. Backward (PyTorch addmm): keeps its input (the weight's transpose is a view of the parameter).
/// </summary>
internal sealed class LinearRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Linear");

    public string Domain => "cnnmem";

    public string Description => "Fully connected layer with automatic flattening of [N, ...] inputs and optional bias.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("fc", "dense", "linear"),
        "FC",
        ImmutableArray.Create(new SpecArg("units", "units", SpecArgKind.Int, "number of output units", Required: true)),
        ImmutableArray.Create(new SpecArg("bias", "bias", SpecArgKind.Bool, "whether the layer has a bias (default true)"))));

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.KnownDims(0);
        OpContext.Require(x.Length >= 1, $"expects an input with at least one dimension, found shape {ctx.Input(0).Shape}");
        long units, features;
        long[] lead;
        var hasWeight = ctx.HasInput(1);
        if (hasWeight)
        {
            var w = ctx.KnownDims(1);
            OpContext.Require(w.Length == 2, $"weight must be [units, in_features], found shape {ctx.Input(1).Shape}");
            (units, features) = (w[0], w[1]);
            if (x[^1] == features)
            {
                lead = x[..^1];
            }
            else
            {
                OpContext.Require(x.Length >= 2 && SpatialInput.Product(x[1..]) == features,
                    $"weight expects {features} input features, but the input {ctx.Input(0).Shape} has {x[^1]} in its last axis{(x.Length >= 2 ? $" and {SpatialInput.Product(x[1..])} per sample" : "")}");
                lead = x[..1];
            }
        }
        else
        {
            OpContext.Require(x.Length >= 2, $"expects a batch axis followed by the features ([N, ...]), found shape {ctx.Input(0).Shape}");
            units = ctx.Attr.IntOrNull("units") ?? throw new OpException("needs the number of units");
            features = SpatialInput.Product(x[1..]);
            lead = x[..1];
        }
        OpContext.Require(units >= 1, $"the number of units must be at least 1, found {units}");

        var dtype = ctx.Input(0).DType;
        var (prms, hasBias) = Params(ctx, hasWeight, units, features, dtype);

        var rows = SpatialInput.Product(lead);
        return ctx.Single(dtype, Shape.Of(lead.Append(units).ToArray())) with
        {
            Params = prms,
            Macs = checked(rows * units * features),
            OtherFlops = hasBias ? checked(rows * units) : 0,
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input") with { Condition = SaveCondition.WeightRequiresGrad }),
            Autocast = AutocastClass.LowerPrecision,
            TensorCoreAxis = -1,
        };
    }

    /// <summary>A spec's layer declares its weight and (unless <c>bias=false</c>) bias; an imported node's bias input, when given, must match.</summary>
    private static (ImmutableArray<ParamSpec> Params, bool HasBias) Params(OpContext ctx, bool hasWeight, long units, long features, DType dtype)
    {
        if (hasWeight)
        {
            if (!ctx.HasInput(2))
            {
                return (ImmutableArray<ParamSpec>.Empty, false);
            }
            var b = ctx.InputShape(2);
            OpContext.Require(b.Rank == 1 && b[0].Value == units, $"bias has shape {b}, expected {units}");
            return (ImmutableArray<ParamSpec>.Empty, true);
        }
        var weight = new ParamSpec($"{ctx.Node.Name}.weight", Shape.Of(units, features), dtype, ParamRole.Weight);
        return SpatialInput.Flag(ctx.Attr, "bias", true)
            ? (ImmutableArray.Create(weight, new ParamSpec($"{ctx.Node.Name}.bias", Shape.Of(units), dtype, ParamRole.Bias)), true)
            : (ImmutableArray.Create(weight), false);
    }
}
