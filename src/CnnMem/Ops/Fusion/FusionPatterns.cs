using System.Collections.Immutable;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Ops.Fusion.FusionStep;
using static CnnMem.Ops.Fusion.TensorRef;

namespace CnnMem.Ops.Fusion;

/// <summary>
/// Exporters decompose ops PyTorch runs fused; autograd keeps what the fused op keeps, not what each piece would. Each
/// pattern below is one such decomposition, tried on every node in graph order, in this order (a later match of a node
/// replaces an earlier one). In inference an element-wise activation's gate (SiLU's Sigmoid, HardSwish's HardSigmoid)
/// costs nothing: the activation kernel computes it per element and never materializes it (efficientnet's SiLU exported as
/// Sigmoid and Mul); nor do LayerNorm's and GELU's pieces: one kernel allocates only the output (and LayerNorm's mean and
/// rstd), measured on convnext_tiny and vit_b_16.
/// </summary>
internal static class FusionPatterns
{
    /// <summary>
    /// LayerNorm = ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div (then Mul/Add by weight and bias): keeps its input and a
    /// float mean and rstd per normalized row. Div(d, Sqrt(Add(ReduceMean(Pow(.)), eps))) with d = Sub(x, ReduceMean(x)).
    /// </summary>
    public static FusionPattern LayerNorm { get; } = new(
        "LayerNorm", "torch.onnx export of nn.LayerNorm before opset 17 (aten::layer_norm decomposed)",
        [
            Anchor("div", "Div") with { Arity = 2 },
            ProducerOf("sub", In("div", 0), "Sub"),
            ProducerOf("sqrt", In("div", 1), "Sqrt"),
            ProducerOf("mean", In("sub", 1), "ReduceMean"),
            ProducerOf("addEps", In("sqrt", 0), "Add"),
            ProducerOf("var", In("addEps", 0), "ReduceMean"),
            ProducerOf("pow", In("var", 0), "Pow"),
            ReaderOf("weight", Out("div"), "Mul") with { Optional = true },
            ReaderOf("bias", Out("weight"), "Add") with { Optional = true },
        ],
        FusionEffect.Elementwise)
    {
        Same = [(In("mean", 0), In("sub", 0))],
        Keeps = [In("sub", 0)],
        Stats = [new FusionStat("mean", "div", Out("mean")), new FusionStat("rstd", "div", Out("mean"))],
    };

    /// <summary>GELU = Div (or Mul) by a constant, Erf, Add 1, Mul by the input, Mul by 0.5 (the multiplications in either order): keeps its input.</summary>
    public static FusionPattern Gelu { get; } = new(
        "GELU", "torch.onnx export of nn.GELU (approximate='none') before opset 20: x * 0.5 * (1 + erf(x / sqrt(2)))",
        [
            Anchor("erf", "Erf"),
            ProducerOf("scale", In("erf", 0), "Div", "Mul"),
            ReaderOf("add1", Out("erf"), "Add"),
            ReaderOf("mul1", Out("add1"), "Mul"),
            ReaderOf("mul2", Out("mul1"), "Mul") with { Optional = true },
        ],
        FusionEffect.Elementwise)
    {
        Keeps = [In("scale", 0)],
    };

    /// <summary>SiLU / HardSwish = x * Sigmoid(x) / x * HardSigmoid(x), the gate read only by the product: keeps its input.</summary>
    public static FusionPattern SiluOrHardSwish { get; } = new(
        "SiLU/HardSwish", "torch.onnx export of nn.SiLU (and HardSwish as HardSigmoid then Mul): Mul(x, Sigmoid(x))",
        [
            Anchor("mul", "Mul") with { Arity = 2 },
            ProducerOf("gate", In("mul", 0), "Sigmoid", "HardSigmoid") with { OutputReadOnce = true },
        ],
        FusionEffect.Elementwise)
    {
        Same = [(In("gate", 0), In("mul", 1))],
        Keeps = [In("mul", 1)],
        EitherInputOrder = true,
    };

    /// <summary>
    /// Attention (profiles with fused attention, PyTorch 2.x's scaled_dot_product_attention) = MatMul(q, kT), an optional
    /// scale, Softmax, an optional Dropout, MatMul(probabilities, v): in training the fused kernel never materializes the
    /// scores or the probabilities (nor their gradients) and keeps q, k, v, its output and a float32 log-sum-exp per row; in
    /// inference nn.MultiheadAttention's fast path materializes them (measured: ViT's inference peak equals the unfused
    /// figure to the byte).
    /// </summary>
    public static FusionPattern Attention { get; } = new(
        "attention", "torch.onnx export of F.scaled_dot_product_attention / nn.MultiheadAttention (math path decomposed)",
        [
            Anchor("softmax", "Softmax") with { Arity = 1, MinKnownRank = 2 },
            ProducerOf("scaling", In("softmax", 0), "Mul", "Div") with { Optional = true },
            ProducerOf("qk", In("scaling", 0), "MatMul") with { OutputReadOnce = true },
            ReaderOf("dropout", Out("softmax"), "Dropout") with { Optional = true },
            ReaderOf("pv", Out("dropout"), "MatMul") with { AtInput = 0 },
        ],
        FusionEffect.NeverMaterialized)
    {
        Keeps = [In("qk", 0), In("qk", 1), In("pv", 1), Out("pv")],
        Stats = [new FusionStat("logsumexp", "pv", Out("softmax"), DropLastAxis: true)],
        NeedsFusedAttention = true,
    };

    /// <summary>
    /// Linear on a batch of rows of any rank = MatMul then Add of the bias initializer: PyTorch adds the bias in place
    /// (<c>output.add_(bias)</c>), so the Add writes the MatMul's storage and keeps nothing.
    /// </summary>
    public static FusionPattern LinearBias { get; } = new(
        "linear bias", "torch.onnx export of F.linear on inputs of rank other than 2 (MatMul, then Add of the bias)",
        [
            Anchor("add", "Add") with { Arity = 2 },
            ProducerOf("matmul", In("add", 0), "MatMul") with { OutputReadOnce = true },
        ],
        FusionEffect.InPlace)
    {
        Initializers = [In("add", 1)],
        EitherInputOrder = true,
        AnchorUnclaimed = true,
    };

    /// <summary>
    /// avg_pool2d(padding=p, count_include_pad=True) = Pad (constant zeros) then AveragePool without pads (ONNX before
    /// opset 19 cannot count the padding in): keeps its unpadded input, not the padded copy.
    /// </summary>
    public static FusionPattern PaddedAveragePool { get; } = new(
        "padded average pooling", "torch.onnx export of nn.AvgPool2d(padding=p, count_include_pad=True) before opset 19",
        [
            Anchor("pool", "AveragePool"),
            ProducerOf("pad", In("pool", 0), "Pad") with { OutputReadOnce = true, Requires = PadRule.FillsWithZeros },
        ],
        FusionEffect.KeepsNothing)
    {
        Keeps = [In("pad", 0)],
    };

    /// <summary>Every pattern, in the order the recognizer tries them on each node.</summary>
    public static ImmutableArray<FusionPattern> All { get; } = [LayerNorm, Gelu, SiluOrHardSwish, Attention, LinearBias, PaddedAveragePool];
}
