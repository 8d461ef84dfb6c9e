using System.Collections.Frozen;
using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Binary arithmetic with NumPy broadcasting (ONNX Add, Sub, Mul, Div, Pow, Mod, BitShift, Bitwise*;
/// spec <c>add A B [C...]</c>, <c>multiply A B</c>). Before opset 7, <c>broadcast</c>/<c>axis</c> legacy
/// broadcasting. Type: the operands' common type (Pow: the base's).
/// Backward (PyTorch): add/sub keep nothing; mul, div and fmod keep both operands; pow also its result.
/// Value inference: integer Div truncates towards zero (ONNX follows C); Mod follows the divisor's
/// sign unless fmod=1 (C fmod, required for floats).
/// </summary>
internal sealed class BinaryArithmeticRule : IOpRule
{
    private static readonly ImmutableArray<BinaryOpInfo> Rows = ImmutableArray.Create(
        new BinaryOpInfo("Add", InputKind.Numeric, BackwardKeeps.Nothing, 1, (a, b) => checked(a + b), (a, b) => a + b),
        new BinaryOpInfo("Sub", InputKind.Numeric, BackwardKeeps.Nothing, 1, (a, b) => checked(a - b), (a, b) => a - b),
        new BinaryOpInfo("Mul", InputKind.Numeric, BackwardKeeps.Input, 1, (a, b) => checked(a * b), (a, b) => a * b) { Condition = SaveCondition.OtherOperandRequiresGrad },
        new BinaryOpInfo("Div", InputKind.Numeric, BackwardKeeps.Input, 1, (a, b) => checked(a / b), (a, b) => a / b) { Condition = SaveCondition.DenominatorRequiresGrad },
        new BinaryOpInfo("Pow", InputKind.Numeric, BackwardKeeps.InputAndOutput, 8, IntPow, Math.Pow) { Autocast = AutocastClass.Float32 },
        new BinaryOpInfo("Mod", InputKind.Numeric, BackwardKeeps.Input, 1, null, null),
        new BinaryOpInfo("BitShift", InputKind.Integer, BackwardKeeps.Nothing, 1, null, null),
        new BinaryOpInfo("BitwiseAnd", InputKind.Integer, BackwardKeeps.Nothing, 1, (a, b) => a & b, null),
        new BinaryOpInfo("BitwiseOr", InputKind.Integer, BackwardKeeps.Nothing, 1, (a, b) => a | b, null),
        new BinaryOpInfo("BitwiseXor", InputKind.Integer, BackwardKeeps.Nothing, 1, (a, b) => a ^ b, null));

    private static readonly FrozenDictionary<string, BinaryOpInfo> ByOp = Rows.ToFrozenDictionary(r => r.Op, StringComparer.Ordinal);

    public ImmutableArray<string> OpTypes { get; } = Rows.Select(r => r.Op).ToImmutableArray();

    public string Description => "Element-wise arithmetic with broadcasting: add, sub, mul, div, pow, mod, bit shifts and bitwise and/or/xor.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(ImmutableArray.Create("add"), "add", ImmutableArray.Create(Refs("layers to add (two or more)")), ImmutableArray<SpecArg>.Empty) { Op = "Add" },
        new SpecSyntax(ImmutableArray.Create("multiply", "mul"), "mul", ImmutableArray.Create(Refs("layers to multiply (two or more)")), ImmutableArray<SpecArg>.Empty) { Op = "Mul" });

    public OpResult Infer(OpContext ctx)
    {
        var info = ByOp.TryGetValue(ctx.Node.Op, out var i) ? i : throw new OpException($"is not an arithmetic op this rule knows (expected one of {string.Join(", ", OpTypes)})");
        // A spec's add/multiply may take several layers; ONNX's ops are strictly binary.
        var variadic = ctx.Opset == 0 && info.Op is "Add" or "Mul";
        OpContext.Require(
            variadic ? ctx.InputCount >= 2 : ctx.InputCount == 2,
            $"expects {(variadic ? "at least 2" : "exactly 2")} inputs, found {ctx.InputCount}");
        for (var k = 0; k < ctx.InputCount; k++)
        {
            InputKinds.Require(info.Accepts, ctx.Input(k));
        }
        // ONNX Pow (opset 12 on) lets the exponent's type differ; the result has the base's type.
        var dtype = info.Op == "Pow" ? ctx.Input(0).DType : ElementwiseTypes.Common(ctx);
        var (ints, reals) = info.Op switch
        {
            "Mod" => ModFunctions(ctx, dtype),
            "BitShift" => ShiftFunctions(ctx, dtype),
            _ => (info.Ints, info.Reals),
        };
        var result = BinaryElementwise.Result(ctx, dtype, info, ints, reals);
        // x += y (torchvision's residual add) runs in place when x already has the output's shape.
        // An add of two layers' outputs is a merge (a residual connection): a layer the textbook counts.
        return result with { CanRunInPlace = info.Op is "Add" or "Sub" && ctx.Input(0).Shape.Equals(result.Outputs[0].Shape), MergesLayers = info.Op == "Add" };
    }

    private static (Func<long, long, long>?, Func<double, double, double>?) ModFunctions(OpContext ctx, DType dtype)
    {
        var fmod = ctx.Attr.Int("fmod", 0);
        OpContext.Require(fmod is 0 or 1, $"attribute 'fmod' must be 0 or 1, found {fmod}");
        OpContext.Require(fmod == 1 || !DTypes.IsFloat(dtype), $"needs fmod=1 for floating point inputs ({DTypes.Name(dtype)}), found fmod=0");
        if (fmod == 1)
        {
            return ((a, b) => a % b, (a, b) => a % b);
        }
        return ((a, b) =>
        {
            // Integer mod takes the divisor's sign, like Python's %.
            var r = a % b;
            return r != 0 && (r < 0) != (b < 0) ? r + b : r;
        }, null);
    }

    private static (Func<long, long, long>?, Func<double, double, double>?) ShiftFunctions(OpContext ctx, DType dtype)
    {
        var direction = ctx.Attr.Str("direction", "");
        OpContext.Require(direction is "LEFT" or "RIGHT", $"attribute 'direction' must be LEFT or RIGHT, found '{direction}'");
        OpContext.Require(dtype is DType.UInt8 or DType.UInt16 or DType.UInt32 or DType.UInt64, $"expects unsigned integer inputs, found {DTypes.Name(dtype)}");
        var bits = DTypes.SizeOf(dtype) * 8;
        var mask = bits == 64 ? -1L : (1L << bits) - 1;
        return direction == "LEFT"
            ? ((a, b) => b < 0 || b >= bits ? 0 : (a << (int)b) & mask, null)
            : ((a, b) => b < 0 || b >= bits ? 0 : a >>> (int)b, null);
    }

    /// <summary>Integer power by squaring (checked); a negative exponent has no integer result here.</summary>
    private static long IntPow(long b, long e)
    {
        if (e < 0)
        {
            throw new OverflowException("negative integer exponent");
        }
        long r = 1;
        while (e > 0)
        {
            if ((e & 1) != 0)
            {
                r = checked(r * b);
            }
            e >>= 1;
            if (e > 0)
            {
                b = checked(b * b);
            }
        }
        return r;
    }

    private static SpecArg Refs(string help) => new("inputs", "inputs", SpecArgKind.LayerRefs, help, Required: true);
}
