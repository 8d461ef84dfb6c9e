using System.Collections.Frozen;
using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Layer-level activations ONNX has no op for (domain "cnnmem"): <c>Relu6</c> (PyTorch ReLU6 =
/// Hardtanh(0, 6); ONNX exports it as Clip) and <c>SiLU</c> (x * sigmoid(x), alias swish; ONNX exports
/// it as Sigmoid + Mul). Shape and type: the input's. Backward (PyTorch): both keep their input and
/// have in-place variants.
/// </summary>
internal sealed class CnnMemActivationRule : IOpRule
{
    private static readonly ImmutableArray<ActivationInfo> Rows = ImmutableArray.Create(
        new ActivationInfo("Relu6", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 2),
        new ActivationInfo("SiLU", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 5));

    private static readonly FrozenDictionary<string, ActivationInfo> ByOp = Rows.ToFrozenDictionary(r => r.Op, StringComparer.Ordinal);

    public ImmutableArray<string> OpTypes { get; } = Rows.Select(r => r.Op).ToImmutableArray();

    public string Domain => "cnnmem";

    public string Description => "ReLU6 (min(max(x, 0), 6)) and SiLU/swish (x * sigmoid(x)) as single layers.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(ImmutableArray.Create("relu6"), "relu6", ImmutableArray<SpecArg>.Empty, ImmutableArray<SpecArg>.Empty) { Op = "Relu6" },
        new SpecSyntax(ImmutableArray.Create("silu", "swish"), "silu", ImmutableArray<SpecArg>.Empty, ImmutableArray<SpecArg>.Empty) { Op = "SiLU" });

    public OpResult Infer(OpContext ctx)
    {
        var info = ByOp.TryGetValue(ctx.Node.Op, out var i) ? i : throw new OpException($"is not an activation this rule knows (expected one of {string.Join(", ", OpTypes)})");
        OpContext.Require(ctx.InputCount == 1, $"expects exactly 1 input, found {ctx.InputCount}");
        var x = ctx.Input(0);
        UnaryElementwise.RequireNumeric(x);
        return UnaryElementwise.Result(ctx, x.DType, info.Keeps, info.FlopsPerElement, info.InPlace);
    }
}
