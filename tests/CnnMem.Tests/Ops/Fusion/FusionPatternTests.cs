using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Ops.Fusion;
using CnnMem.Memory.Models;

namespace CnnMem.Tests.Ops.Fusion;

/// <summary>
/// Each fusion pattern (<see cref="FusionPatterns"/>) matches the decomposition an exporter writes and not a near miss,
/// through the memory model's recognizer (<see cref="FusedPatterns"/>, every pattern, fused attention on). A result reads
/// "node=inner" (never materialized in inference), "node=never" (nor in training), "node=inplaceK" or
/// "node=keeps(tensors|stat:shape)" for what the fused op keeps.
/// </summary>
public class FusionPatternTests
{
    [Theory]
    [InlineData("LayerNorm", "layernorm", "m=inner d=inner p=inner v=inner e=inner s=inner n=inner w=inner b=keeps(x|n.mean:2x4x1|n.rstd:2x4x1)")]
    [InlineData("LayerNorm", "layernorm-no-affine", "m=inner d=inner p=inner v=inner e=inner s=inner n=keeps(x|n.mean:2x4x1|n.rstd:2x4x1)")]
    [InlineData("GELU", "gelu", "a=inner e=inner p=inner m1=inner m2=keeps(x)")]
    [InlineData("GELU", "gelu-mul-scale", "a=inner e=inner p=inner m1=keeps(x)")]
    [InlineData("SiLU/HardSwish", "silu", "g=inner m=keeps(x)")]
    [InlineData("SiLU/HardSwish", "silu-gate-first", "g=inner m=keeps(x)")]
    [InlineData("SiLU/HardSwish", "hardswish", "g=inner m=keeps(x)")]
    [InlineData("attention", "attention", "s=never sc=never sm=never dr=never o=keeps(x|kt|x|o|o.logsumexp:2x4)")]
    [InlineData("attention", "attention-unscaled", "s=never sm=never o=keeps(x|kt|x|o|o.logsumexp:2x4)")]
    [InlineData("linear bias", "linear", "b=inplace0")]
    [InlineData("linear bias", "linear-bias-first", "b=inplace1")]
    [InlineData("padded average pooling", "avgpool", "pad=keeps() pool=keeps(x)")]
    public void Pattern_MatchesItsExporterDecomposition(string pattern, string graph, string expected)
    {
        Assert.Contains(FusionPatterns.All, p => p.Name == pattern);
        Assert.Equal(expected, Describe(Build(graph), fusedAttention: true));
    }

    [Theory]
    [InlineData("layernorm-mean-of-another")]
    [InlineData("gelu-erf-read-twice")]
    [InlineData("silu-gate-of-another")]
    [InlineData("silu-gate-read-twice")]
    [InlineData("attention-probabilities-second")]
    [InlineData("attention-scores-read-twice")]
    [InlineData("linear-bias-computed")]
    [InlineData("linear-matmul-read-twice")]
    [InlineData("avgpool-reflect")]
    [InlineData("avgpool-fill-one")]
    public void NearMiss_MatchesNothing(string graph) => Assert.Equal("", Describe(Build(graph), fusedAttention: true));

    [Fact]
    public void Attention_NeedsAFusedAttentionProfile() => Assert.Equal("", Describe(Build("attention"), fusedAttention: false));

    [Theory]
    [MemberData(nameof(PatternNames))]
    public void EveryReference_NamesAnEarlierStep(string name)
    {
        var p = FusionPatterns.All.Single(x => x.Name == name);
        Assert.Equal(FusionStepKind.Anchor, p.Anchor.Kind);
        for (var k = 1; k < p.Steps.Length; k++)
        {
            Assert.NotEqual(FusionStepKind.Anchor, p.Steps[k].Kind);
            Assert.True(p.StepOf(p.Steps[k].At.Label) < k, $"{name}: step {p.Steps[k].Label} starts from a later step");
        }
        var refs = p.Keeps.Concat(p.Initializers).Concat(p.Same.SelectMany(s => new[] { s.A, s.B })).Concat(p.Stats.Select(s => s.ShapeOf));
        Assert.All(refs, r => p.StepOf(r.Label));
        Assert.All(p.Stats, s => p.StepOf(s.NamedAfter));
        Assert.False(string.IsNullOrWhiteSpace(p.Source));
    }

    public static TheoryData<string> PatternNames() => [.. FusionPatterns.All.Select(p => p.Name)];

    private static string Describe(InferenceResult inference, bool fusedAttention) =>
        string.Join(" ", FusedPatterns.Find(inference, fusedAttention).OrderBy(e => e.Key).Select(e =>
        {
            var (f, name) = (e.Value, inference.Nodes[e.Key].Node.Name);
            if (f.InPlaceInput is { } k)
            {
                return $"{name}=inplace{k}";
            }
            if (f.Inner || f.NeverMaterialized)
            {
                return $"{name}={(f.Inner ? "inner" : "never")}";
            }
            var stats = f.Extras.Select(x => $"{x.Name}:{string.Join("x", x.Shape.ToLongs())}");
            return $"{name}=keeps({string.Join("|", f.Tensors.Concat(stats))})";
        }));

    private static InferenceResult Build(string graph) => graph.Split('-')[0] switch
    {
        "layernorm" => LayerNorm(graph),
        "gelu" => Gelu(graph),
        "silu" or "hardswish" => Silu(graph),
        "attention" => Attention(graph),
        "linear" => Linear(graph),
        "avgpool" => AvgPool(graph),
        _ => throw new ArgumentException(graph),
    };

    private static readonly (string, AttrValue) LastAxis = ("axes", AttrValue.Of([-1L]));

    private static InferenceResult LayerNorm(string variant)
    {
        var g = new FusionGraph(2, 4, 8);
        var meanOf = variant == "layernorm-mean-of-another" ? g.Op("x2", "Identity", ["x"]) : "x";
        var m = g.Op("m", "ReduceMean", [meanOf], LastAxis);
        var d = g.Op("d", "Sub", ["x", m]);
        var p = g.Op("p", "Pow", [d, g.Const("two", 2)]);
        var v = g.Op("v", "ReduceMean", [p], LastAxis);
        var e = g.Op("e", "Add", [v, g.Const("eps", 1e-5)]);
        var s = g.Op("s", "Sqrt", [e]);
        var n = g.Op("n", "Div", [d, s]);
        if (variant == "layernorm-no-affine")
        {
            return g.Infer(n);
        }
        var w = g.Op("w", "Mul", [n, g.Weight("gamma", 8)]);
        return g.Infer(g.Op("b", "Add", [w, g.Weight("beta", 8)]));
    }

    private static InferenceResult Gelu(string variant)
    {
        var g = new FusionGraph(2, 4, 8);
        var a = variant == "gelu-mul-scale" ? g.Op("a", "Mul", ["x", g.Const("rsqrt2", 0.7071067811865476)]) : g.Op("a", "Div", ["x", g.Const("sqrt2", 1.4142135623730951)]);
        var e = g.Op("e", "Erf", [a]);
        var p = g.Op("p", "Add", [e, g.Const("one", 1)]);
        var m1 = g.Op("m1", "Mul", ["x", p]);
        if (variant == "gelu-mul-scale")
        {
            return g.Infer(m1); // the 0.5 folded into the scale: one multiplication
        }
        var m2 = g.Op("m2", "Mul", [m1, g.Const("half", 0.5)]);
        return variant == "gelu-erf-read-twice" ? g.Infer(m2, g.Op("r", "Relu", [e])) : g.Infer(m2);
    }

    private static InferenceResult Silu(string variant)
    {
        var g = new FusionGraph(2, 4, 8);
        var gateOf = variant == "silu-gate-of-another" ? g.Op("y", "Relu", ["x"]) : "x";
        var gate = g.Op("g", variant == "hardswish" ? "HardSigmoid" : "Sigmoid", [gateOf]);
        var m = g.Op("m", "Mul", variant == "silu-gate-first" ? [gate, "x"] : ["x", gate]);
        return variant == "silu-gate-read-twice" ? g.Infer(m, g.Op("r", "Relu", [gate])) : g.Infer(m);
    }

    private static InferenceResult Attention(string variant)
    {
        var g = new FusionGraph(2, 4, 8);
        var kt = g.Op("kt", "Transpose", ["x"], ("perm", AttrValue.Of([0L, 2, 1])));
        var s = g.Op("s", "MatMul", ["x", kt]);
        var softmaxOf = variant == "attention-unscaled" ? s : g.Op("sc", "Mul", [s, g.Const("scale", 0.35)]);
        var sm = g.Op("sm", "Softmax", [softmaxOf], ("axis", AttrValue.Of(-1L)));
        var probabilities = variant == "attention-unscaled" ? sm : g.Op("dr", "Dropout", [sm]);
        var o = variant == "attention-probabilities-second" ? g.Op("o", "MatMul", [kt, probabilities]) : g.Op("o", "MatMul", [probabilities, "x"]);
        return variant == "attention-scores-read-twice" ? g.Infer(o, g.Op("r", "Relu", [s])) : g.Infer(o);
    }

    private static InferenceResult Linear(string variant)
    {
        var g = new FusionGraph(2, 4, 8);
        var y = g.Op("y", "MatMul", ["x", g.Weight("W", 8, 16)]);
        var bias = variant == "linear-bias-computed" ? g.Op("y2", "MatMul", ["x", g.Weight("W2", 8, 16)]) : g.Weight("bias", 16);
        var b = g.Op("b", "Add", variant == "linear-bias-first" ? [bias, y] : [y, bias]);
        return variant == "linear-matmul-read-twice" ? g.Infer(b, g.Op("r", "Relu", [y])) : g.Infer(b);
    }

    private static InferenceResult AvgPool(string variant)
    {
        var g = new FusionGraph(2, 3, 8, 8);
        string[] inputs = variant == "avgpool-fill-one" ? ["x", g.Ints("pads", 0, 0, 1, 1, 0, 0, 1, 1), g.Const("fill", 1)] : ["x", g.Ints("pads", 0, 0, 1, 1, 0, 0, 1, 1)];
        var pad = variant == "avgpool-reflect" ? g.Op("pad", "Pad", inputs, ("mode", AttrValue.Of("reflect"))) : g.Op("pad", "Pad", inputs);
        return g.Infer(g.Op("pool", "AveragePool", [pad], ("kernel_shape", AttrValue.Of([3L, 3]))));
    }
}
