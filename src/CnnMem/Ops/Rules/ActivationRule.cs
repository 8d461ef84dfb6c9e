using System.Collections.Frozen;
using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Unary activations of ai.onnx (Relu, LeakyRelu, Sigmoid, Tanh, Gelu, HardSwish, ...; spec <c>relu</c>,
/// <c>sigmoid</c>, ...). Shape and type: the input's. No parameters, no MACs.
/// Backward (PyTorch 1.13 derivatives.yaml): ReLU, sigmoid and tanh keep their result; the others keep
/// their input (softsign, being composite, also a denominator). Their attributes (alpha, beta, ...)
/// change values, never shapes or memory, so only their kinds are checked.
/// </summary>
internal sealed class ActivationRule : IOpRule
{
    private static readonly ImmutableArray<ActivationInfo> Rows = ImmutableArray.Create(
        new ActivationInfo("Relu", BackwardKeeps.Output, InPlace: true, FlopsPerElement: 1),
        new ActivationInfo("LeakyRelu", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 2),
        new ActivationInfo("Sigmoid", BackwardKeeps.Output, InPlace: true, FlopsPerElement: 4),
        new ActivationInfo("HardSigmoid", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 3),
        new ActivationInfo("HardSwish", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 4),
        new ActivationInfo("Tanh", BackwardKeeps.Output, InPlace: true, FlopsPerElement: 4),
        new ActivationInfo("Elu", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 4),
        new ActivationInfo("Selu", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 5),
        new ActivationInfo("Celu", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 5),
        new ActivationInfo("Softplus", BackwardKeeps.Input, InPlace: false, FlopsPerElement: 4),
        new ActivationInfo("Softsign", BackwardKeeps.InputAndDenominator, InPlace: false, FlopsPerElement: 3),
        new ActivationInfo("ThresholdedRelu", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 1),
        new ActivationInfo("Mish", BackwardKeeps.Input, InPlace: true, FlopsPerElement: 6),
        new ActivationInfo("Gelu", BackwardKeeps.Input, InPlace: false, FlopsPerElement: 8));

    private static readonly FrozenDictionary<string, ActivationInfo> ByOp = Rows.ToFrozenDictionary(r => r.Op, StringComparer.Ordinal);

    public ImmutableArray<string> OpTypes { get; } = Rows.Select(r => r.Op).ToImmutableArray();

    public string Description => "Element-wise activations: ReLU, LeakyReLU, sigmoid, tanh, GELU, hard-swish, hard-sigmoid, ELU, SELU, CELU, softplus, softsign, thresholded ReLU, Mish.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        Keyword("Relu", "relu"),
        Keyword("LeakyRelu", "leakyrelu", new SpecArg("alpha", "alpha", SpecArgKind.Float, "slope for negative inputs (default 0.01)")),
        Keyword("Sigmoid", "sigmoid"),
        Keyword("Tanh", "tanh"),
        Keyword("Gelu", "gelu", new SpecArg("approximate", "approximate", SpecArgKind.Word, "none or tanh (default none)")),
        Keyword("HardSwish", "hardswish"),
        // PyTorch's Hardsigmoid is relu6(x + 3) / 6, i.e. ONNX HardSigmoid with alpha 1/6 (ONNX's default is 0.2).
        Keyword("HardSigmoid", "hardsigmoid") with
        {
            Fixed = ImmutableDictionary<string, AttrValue>.Empty.Add("alpha", AttrValue.Of(1.0 / 6)).Add("beta", AttrValue.Of(0.5)),
        },
        Keyword("Elu", "elu", new SpecArg("alpha", "alpha", SpecArgKind.Float, "scale for negative inputs (default 1.0)")),
        Keyword("Softplus", "softplus"));

    public OpResult Infer(OpContext ctx)
    {
        var info = ByOp.TryGetValue(ctx.Node.Op, out var i) ? i : throw new OpException($"is not an activation this rule knows (expected one of {string.Join(", ", OpTypes)})");
        if (ctx.InputCount != 1)
        {
            // not Require: its message would be formatted for every node, and activations are a large graph's most common op
            throw new OpException($"expects exactly 1 input, found {ctx.InputCount}");
        }
        var x = ctx.Input(0);
        UnaryElementwise.RequireNumeric(x);
        if (info.Op == "Gelu")
        {
            var approximate = ctx.Attr.Str("approximate", "none");
            OpContext.Require(approximate is "none" or "tanh", $"attribute 'approximate' must be 'none' or 'tanh', found '{approximate}'");
        }
        if (!ctx.Attr.Values.IsEmpty)
        {
            // kinds only (most activations have no attributes: six lookups saved per node)
            _ = ctx.Attr.Float("alpha", 0);
            _ = ctx.Attr.Float("beta", 0);
            _ = ctx.Attr.Float("gamma", 0);
        }
        return UnaryElementwise.Result(ctx, x.DType, info.Keeps, info.FlopsPerElement, info.InPlace);
    }

    private static SpecSyntax Keyword(string op, string keyword, params SpecArg[] options) =>
        new(ImmutableArray.Create(keyword), keyword, ImmutableArray<SpecArg>.Empty, options.ToImmutableArray()) { Op = op };
}
