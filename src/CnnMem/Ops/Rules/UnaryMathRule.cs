using System.Collections.Frozen;
using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Unary math of ai.onnx (Exp, Log, Sqrt, Neg, Abs, Floor, trigonometry, IsNaN, Not, ...).
/// Shape: the input's. Type: the input's, or bool for IsNaN/IsInf (and Not, which takes bool).
/// Backward (PyTorch derivatives.yaml): exp, sqrt, reciprocal and tan keep their result; log, abs,
/// erf and the other trigonometric ops keep their input; neg, floor, ceil, round and sign keep nothing.
/// Value inference: known values are mapped (exporters negate, floor and take Abs of shape values).
/// </summary>
internal sealed class UnaryMathRule : IOpRule
{
    private static readonly ImmutableArray<UnaryMathInfo> Rows = ImmutableArray.Create(
        Row("Exp", InputKind.Float, BackwardKeeps.Output, 8, null, Math.Exp) with { Autocast = AutocastClass.Float32 },
        Row("Log", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Log) with { Autocast = AutocastClass.Float32 },
        Row("Sqrt", InputKind.Float, BackwardKeeps.Output, 4, null, Math.Sqrt),
        Row("Reciprocal", InputKind.Float, BackwardKeeps.Output, 1, null, v => 1 / v),
        Row("Neg", InputKind.Numeric, BackwardKeeps.Nothing, 1, v => checked(-v), v => -v),
        Row("Abs", InputKind.Numeric, BackwardKeeps.Input, 1, v => checked(Math.Abs(v)), Math.Abs),
        Row("Erf", InputKind.Numeric, BackwardKeeps.Input, 8, null, null),
        Row("Floor", InputKind.Float, BackwardKeeps.Nothing, 1, v => v, Math.Floor),
        Row("Ceil", InputKind.Float, BackwardKeeps.Nothing, 1, v => v, Math.Ceiling),
        // ONNX Round rounds halves to even, as Math.Round does by default.
        Row("Round", InputKind.Float, BackwardKeeps.Nothing, 1, v => v, v => Math.Round(v)),
        Row("Sign", InputKind.Numeric, BackwardKeeps.Nothing, 1, v => Math.Sign(v), v => double.IsNaN(v) ? v : Math.Sign(v)),
        Row("Sin", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Sin),
        Row("Cos", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Cos),
        Row("Tan", InputKind.Float, BackwardKeeps.Output, 8, null, Math.Tan),
        Row("Asin", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Asin),
        Row("Acos", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Acos),
        Row("Atan", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Atan),
        Row("Sinh", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Sinh),
        Row("Cosh", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Cosh),
        Row("Asinh", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Asinh),
        Row("Acosh", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Acosh),
        Row("Atanh", InputKind.Float, BackwardKeeps.Input, 8, null, Math.Atanh),
        new UnaryMathInfo("IsNaN", InputKind.Float, true, BackwardKeeps.Nothing, 1, _ => 0, v => double.IsNaN(v) ? 1 : 0),
        // IsInf's detect_negative/detect_positive attributes are applied in Infer.
        new UnaryMathInfo("IsInf", InputKind.Float, true, BackwardKeeps.Nothing, 1, _ => 0, null),
        new UnaryMathInfo("Not", InputKind.Bool, true, BackwardKeeps.Nothing, 1, v => v == 0 ? 1 : 0, null),
        // The complement is masked to the type's width in Infer (values are held as 64-bit).
        Row("BitwiseNot", InputKind.Integer, BackwardKeeps.Nothing, 1, v => ~v, null));

    private static readonly FrozenDictionary<string, UnaryMathInfo> ByOp = Rows.ToFrozenDictionary(r => r.Op, StringComparer.Ordinal);

    public ImmutableArray<string> OpTypes { get; } = Rows.Select(r => r.Op).ToImmutableArray();

    public string Description => "Unary math: exp, log, sqrt, reciprocal, neg, abs, erf, floor, ceil, round, sign, trigonometric and hyperbolic functions, IsNaN, IsInf, Not, BitwiseNot.";

    public OpResult Infer(OpContext ctx)
    {
        var info = ByOp.TryGetValue(ctx.Node.Op, out var i) ? i : throw new OpException($"is not a unary math op this rule knows (expected one of {string.Join(", ", OpTypes)})");
        OpContext.Require(ctx.InputCount == 1, $"expects exactly 1 input, found {ctx.InputCount}");
        var x = ctx.Input(0);
        InputKinds.Require(info.Accepts, x);
        var dtype = info.BoolOutput ? DType.Bool : x.DType;
        var value = info.Op switch
        {
            "IsInf" => IsInfValue(ctx, x),
            "BitwiseNot" => ElementwiseValues.Map(x, dtype, v => Mask(~v, x.DType), null),
            _ => ElementwiseValues.Map(x, dtype, info.Ints, info.Reals),
        };
        // In place only when the backward does not need the overwritten input (PyTorch refuses otherwise).
        var inPlace = !info.BoolOutput && info.Keeps is BackwardKeeps.Nothing or BackwardKeeps.Output;
        return UnaryElementwise.Result(ctx, dtype, info.Keeps, info.FlopsPerElement, inPlace, value) with { Autocast = info.Autocast };
    }

    private static TensorValue? IsInfValue(OpContext ctx, TensorInfo x)
    {
        var negative = ctx.Attr.Int("detect_negative", 1) != 0;
        var positive = ctx.Attr.Int("detect_positive", 1) != 0;
        return ElementwiseValues.Map(x, DType.Bool, _ => 0, v => (negative && double.IsNegativeInfinity(v)) || (positive && double.IsPositiveInfinity(v)) ? 1 : 0);
    }

    /// <summary>Keeps the complement within an unsigned type's width (~5 as uint8 is 250, not -6).</summary>
    private static long Mask(long v, DType t) => t switch
    {
        DType.UInt8 => v & 0xFF,
        DType.UInt16 => v & 0xFFFF,
        DType.UInt32 => v & 0xFFFF_FFFF,
        _ => v,
    };

    private static UnaryMathInfo Row(string op, InputKind accepts, BackwardKeeps keeps, long flops, Func<long, long>? ints, Func<double, double>? reals) =>
        new(op, accepts, false, keeps, flops, ints, reals);
}
