using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Batch normalization (ONNX BatchNormalization with X, scale, B, input_mean, input_var; spec <c>batchnorm [eps=]</c>).
/// 1. X is [N, C, ...] (rank 2 is BatchNorm1d); statistics are per channel, [C], or with the old opsets'
///    <c>spatial = 0</c> per activation, X's shape without N.
/// 2. ONNX: the four inputs must have the statistics' shape; input_mean and input_var are buffers, not learned.
///    Spec: creates weight and bias (scale and shift; Keras's <c>scale</c>/<c>center</c> = 0 drop one), running_mean and running_var.
///    Both: PyTorch's int64 num_batches_tracked scalar, a buffer exporters drop, so parameter and buffer
///    counts match torch's.
/// 3. Outputs: Y like X; any further outputs (running or saved mean and variance) have the statistics' shape.
/// 4. Cost: no MACs; OtherFlops = 2 per element (the folded scale and shift of inference).
/// 5. Backward (PyTorch, training): keeps its input and save_mean and save_invstd (float32 per channel); the
///    running statistics are buffers held by reference (<see cref="OpResult.SavesRunningStats"/>).
/// </summary>
internal sealed class BatchNormRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("BatchNormalization");

    public ImmutableArray<OpShortName> ShortNames { get; } = [new("BatchNormalization", "BatchNorm", InGroup: "BN")];

    public string Description => "Batch normalization: per-channel scale and shift, running statistics as buffers.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("batchnorm", "bn", "batchnorm2d"),
        "BN",
        ImmutableArray<SpecArg>.Empty,
        ImmutableArray.Create(
            new SpecArg("eps", "epsilon", SpecArgKind.Float, "added to the variance (default 1e-5)"),
            new SpecArg("momentum", "momentum", SpecArgKind.Float, "running statistics momentum (default 0.9 as ONNX writes it, i.e. torch's 0.1)"))));

    // inputs 3 and 4 (running mean and variance) are buffers; one list for every node
    private static readonly ImmutableArray<int> RunningStatsInputs = ImmutableArray.Create(3, 4);

    public OpResult Infer(OpContext ctx)
    {
        Span<long> xBuffer = stackalloc long[8];
        var x = ctx.KnownDims(0, xBuffer);
        OpContext.Require(x.Length >= 2, $"expects an input with a batch and a channel axis (N, C, ...), found shape {ctx.Input(0).Shape}");
        var eps = ctx.Attr.Float("epsilon", 1e-5);
        OpContext.Require(eps >= 0, $"epsilon must not be negative, found {eps}");
        var spatial = SpatialInput.Flag(ctx.Attr, "spatial", true);
        _ = SpatialInput.Flag(ctx.Attr, "training_mode", false);
        var stats = spatial ? Shape.Of(x[1]) : Shape.Of(x[1..]);
        var dtype = ctx.Input(0).DType;
        OpContext.Require(DTypes.IsFloat(dtype), $"expects a floating point input, found {DTypes.Name(dtype)}");

        var prms = ctx.InputCount > 1 ? InputParams(ctx, stats) : OwnParams(ctx, stats, dtype);
        var statsType = ctx.InputCount > 1 ? ctx.Input(3).DType : dtype;

        var outputs = ImmutableArray.CreateBuilder<TensorInfo>();
        outputs.Add(ctx.Output(0, dtype, ctx.Input(0).Shape));
        for (var i = 1; i < ctx.Node.Outputs.Length; i++)
        {
            if (ctx.Node.Outputs[i].Length > 0)
            {
                outputs.Add(ctx.Output(i, statsType, stats));
            }
        }
        return new OpResult(outputs.ToImmutable())
        {
            Params = prms,
            BufferInputs = ctx.InputCount > 1 ? RunningStatsInputs : ImmutableArray<int>.Empty,
            OtherFlops = checked(2 * SpatialInput.Product(x)),
            SavesRunningStats = true,
            Saved = ImmutableArray.Create(
                SavedTensor.In(0, "input"),
                SavedTensor.Extra("save_mean", stats, DType.Float32),
                SavedTensor.Extra("save_invstd", stats, DType.Float32)),
        };
    }

    /// <summary>An imported node's scale, shift and running statistics are inputs, checked against the statistics' shape.</summary>
    private static ImmutableArray<ParamSpec> InputParams(OpContext ctx, Shape stats)
    {
        string[] names = ["scale", "B", "input_mean", "input_var"];
        for (var i = 1; i <= 4; i++)
        {
            var s = ctx.InputShape(i);
            OpContext.Require(s.Equals(stats), $"{names[i - 1]} has shape {s}, expected {stats} for input {ctx.Input(0).Shape}");
        }
        // PyTorch's BatchNorm also keeps an int64 step counter that exporters drop; charge it here so
        // buffer counts match the framework's for imported models as for specs.
        return ImmutableArray.Create(Counter(ctx.Node.Name));
    }

    /// <summary>A spec's or Keras's layer declares its own; Keras can drop the learned scale (gamma, scale=False) or shift (beta, center=False).</summary>
    private static ImmutableArray<ParamSpec> OwnParams(OpContext ctx, Shape stats, DType dtype)
    {
        var name = ctx.Node.Name;
        var b = ImmutableArray.CreateBuilder<ParamSpec>(5);
        if (SpatialInput.Flag(ctx.Attr, "scale", true))
        {
            b.Add(new ParamSpec($"{name}.weight", stats, dtype, ParamRole.Scale));
        }
        if (SpatialInput.Flag(ctx.Attr, "center", true))
        {
            b.Add(new ParamSpec($"{name}.bias", stats, dtype, ParamRole.Shift));
        }
        b.Add(new ParamSpec($"{name}.running_mean", stats, dtype, ParamRole.Buffer));
        b.Add(new ParamSpec($"{name}.running_var", stats, dtype, ParamRole.Buffer));
        b.Add(Counter(name));
        return b.ToImmutable();
    }

    private static ParamSpec Counter(string node) => new($"{node}.num_batches_tracked", Shape.Scalar, DType.Int64, ParamRole.Buffer);
}
