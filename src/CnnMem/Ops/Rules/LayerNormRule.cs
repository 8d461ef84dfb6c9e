using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Layer normalization (ONNX LayerNormalization, opset 17: X, Scale, optional B; axis, epsilon, stash_type;
/// spec <c>layernorm [eps=]</c>).
/// 1. ONNX (or a spec layer with an explicit axis): normalizes over X's dims from <c>axis</c> (default -1) to the end;
///    Scale and B must broadcast to those dims.
/// 2. Spec layer on a tensor with spatial dims ([N, C, H, W]): normalizes over the channel axis only, per pixel, as
///    ConvNeXt's LayerNorm2d does (the spec has no channels-last tensors); on [N, F] over the last axis.
///    It creates weight and bias with the normalized dims' shape.
/// 3. Outputs: Y like X; Mean and InvStdDev (when asked for) keep the unnormalized dims and put 1 in the others,
///    typed by stash_type (1 float32, 10 float16, 11 float64, 16 bfloat16).
/// 4. Cost: no MACs; OtherFlops = 8 per element (statistics 4, normalize 2, affine 2).
/// 5. Backward (PyTorch native_layer_norm): keeps its input, and mean and rstd with one value per normalized row.
/// </summary>
internal sealed class LayerNormRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("LayerNormalization");

    public ImmutableArray<OpShortName> ShortNames { get; } = [new("LayerNormalization", "LayerNorm", InGroup: "LN")];

    public (int Min, int Max) Opsets => (17, 21);

    public string Description => "Layer normalization over the trailing axes (spec: over channels for image tensors), with scale and bias.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("layernorm", "ln"),
        "LN",
        ImmutableArray<SpecArg>.Empty,
        ImmutableArray.Create(new SpecArg("eps", "epsilon", SpecArgKind.Float, "added to the variance (default 1e-5)"))));

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.KnownDims(0);
        var rank = x.Length;
        OpContext.Require(rank >= 1, "expects an input with at least one dimension, found a scalar");
        var eps = ctx.Attr.Float("epsilon", 1e-5);
        OpContext.Require(eps >= 0, $"epsilon must not be negative, found {eps}");
        var dtype = ctx.Input(0).DType;
        OpContext.Require(DTypes.IsFloat(dtype), $"expects a floating point input, found {DTypes.Name(dtype)}");
        var isSpec = !ctx.HasInput(1);

        // The normalized axes and the statistics' shape (normalized axes set to 1).
        var normalized = NormalizedAxes(ctx, rank, isSpec);
        var statDims = x.Select((d, i) => normalized.Contains(i) ? 1L : d).ToArray();
        var paramShape = Shape.Of(normalized.Select(i => x[i]).ToArray());

        var prms = Params(ctx, isSpec, paramShape, dtype);

        var stashType = StashType(ctx, dtype, isSpec);
        var statShape = Shape.Of(statDims);
        var outputs = ImmutableArray.CreateBuilder<TensorInfo>();
        outputs.Add(ctx.Output(0, dtype, ctx.Input(0).Shape));
        var saved = ImmutableArray.CreateBuilder<SavedTensor>();
        saved.Add(SavedTensor.In(0, "input"));
        string[] statNames = ["mean", "rstd"];
        for (var i = 1; i <= 2; i++)
        {
            var asked = i < ctx.Node.Outputs.Length && ctx.Node.Outputs[i].Length > 0;
            if (asked)
            {
                outputs.Add(ctx.Output(i, stashType, statShape));
            }
            saved.Add(asked ? SavedTensor.Out(outputs.Count - 1, statNames[i - 1]) : SavedTensor.Extra(statNames[i - 1], statShape, stashType));
        }

        return new OpResult(outputs.ToImmutable())
        {
            Params = prms,
            OtherFlops = checked(8 * SpatialInput.Product(x)),
            Saved = saved.ToImmutable(),
            Autocast = AutocastClass.Float32,
        };
    }

    /// <summary>A spec's layer normalizes the channel axis of an (N, C, ...) input unless it names an axis; ONNX's, every axis from <c>axis</c> on.</summary>
    private static int[] NormalizedAxes(OpContext ctx, int rank, bool isSpec)
    {
        if (isSpec && !ctx.Attr.Has("axis") && rank >= 3)
        {
            return [1];
        }
        var axis = ctx.Attr.Int("axis", -1);
        OpContext.Require(axis >= -rank && axis < rank, $"axis must be in [{-rank}, {rank - 1}] for a rank {rank} input, found {axis}");
        var first = (int)(axis < 0 ? axis + rank : axis);
        return Enumerable.Range(first, rank - first).ToArray();
    }

    /// <summary>A spec's layer declares its scale and shift; an imported node's are inputs that must broadcast to the normalized dims.</summary>
    private static ImmutableArray<ParamSpec> Params(OpContext ctx, bool isSpec, Shape paramShape, DType dtype)
    {
        if (isSpec)
        {
            return ImmutableArray.Create(
                new ParamSpec($"{ctx.Node.Name}.weight", paramShape, dtype, ParamRole.Scale),
                new ParamSpec($"{ctx.Node.Name}.bias", paramShape, dtype, ParamRole.Shift));
        }
        CheckBroadcast(ctx, 1, "Scale", paramShape);
        if (ctx.HasInput(2))
        {
            CheckBroadcast(ctx, 2, "B", paramShape);
        }
        return ImmutableArray<ParamSpec>.Empty;
    }

    private static void CheckBroadcast(OpContext ctx, int index, string what, Shape target)
    {
        var s = ctx.InputShape(index);
        var ok = s.Rank <= target.Rank && s.Select((d, i) => (d, t: target[i + target.Rank - s.Rank])).All(p => p.d.Value == p.t.Value || p.d.Value == 1);
        OpContext.Require(ok, $"{what} has shape {s}, which does not broadcast to the normalized dims {target}");
    }

    /// <summary>The statistics' type: ONNX's stash_type; for a spec layer float32 (float64 for float64 inputs), as PyTorch on CPU.</summary>
    private static DType StashType(OpContext ctx, DType input, bool isSpec)
    {
        if (isSpec && !ctx.Attr.Has("stash_type"))
        {
            return input == DType.Float64 ? DType.Float64 : DType.Float32;
        }
        var code = ctx.Attr.Int("stash_type", 1);
        return code switch
        {
            1 => DType.Float32,
            10 => DType.Float16,
            11 => DType.Float64,
            16 => DType.BFloat16,
            _ => throw new OpException($"stash_type must be a floating point type code (1, 10, 11 or 16), found {code}"),
        };
    }
}
