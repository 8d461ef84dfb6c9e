using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// torchvision's ViT B/16, B/32, L/16, L/32 and H/14 (torchvision/models/vision_transformer.py) at 224x224, the only
/// size their position embedding fits: a patchify convolution, a class token, pre-norm encoder blocks
/// (nn.MultiheadAttention as PyTorch computes it: packed in-projection, q/k/v slices, scaled q, batched matmuls,
/// out-projection; then a GELU MLP), dropout 0 (kept as the exporter keeps it, a view), and the class token's head.
/// </summary>
internal static class VisionTransformers
{
    private static readonly (string Name, int Patch, int Layers, int Heads, int Hidden, int Mlp)[] Configs =
    [
        ("vit_b_16", 16, 12, 12, 768, 3072),
        ("vit_b_32", 32, 12, 12, 768, 3072),
        ("vit_l_16", 16, 24, 16, 1024, 4096),
        ("vit_l_32", 32, 24, 16, 1024, 4096),
        ("vit_h_14", 14, 32, 16, 1280, 5120),
    ];

    private const double Eps = 1e-6;

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, "vit", 224, (h, w) => Build(c.Name, c.Patch, c.Layers, c.Heads, c.Hidden, c.Mlp, h, w)) { FixedSize = true });

    private static string Int64s(NetBuilder b, params long[] values) =>
        b.Constant(TensorValue.FromInts(DType.Int64, Shape.Of(values.Length), values));

    private static Graphs.ModelGraph Build(string name, int patch, int layers, int heads, long hidden, long mlp, long h, long w)
    {
        var b = new NetBuilder(name, 3, h, w);
        var tokens = (h / patch) * (w / patch) + 1;
        var x = b.Conv("conv_proj", b.Input, hidden, patch, patch, bias: true);
        x = b.Transpose(b.Reshape(x, hidden, 0, hidden, -1), hidden, 0, 2, 1);
        // class_token.expand(n, -1, -1): the target (N, 1, hidden) from the input's batch
        var batch = b.Emit("Gather", [b.Emit("Shape", [b.Input], Attributes.Empty, 4), Int64s(b, 0)], Attributes.From(("axis", AttrValue.Of(0L))), 1);
        var target = b.Emit("Concat", [batch, Int64s(b, 1), Int64s(b, hidden)], Attributes.From(("axis", AttrValue.Of(0L))), 3);
        var cls = b.Emit("Expand", [b.Param("class_token", 1, 1, hidden), target], Attributes.Empty, hidden);
        x = b.Emit("Concat", [cls, x], Attributes.From(("axis", AttrValue.Of(1L))), hidden);
        x = b.In("encoder", () =>
        {
            var y = b.Emit("Add", [x, b.Param("pos_embedding", 1, tokens, hidden)], Attributes.Empty, hidden);
            y = b.Dropout("dropout", y, 0);
            y = b.In("layers", () =>
            {
                var z = y;
                for (var i = 0; i < layers; i++)
                {
                    var zi = z;
                    z = b.In($"encoder_layer_{i}", () => Block(b, zi, heads, mlp, tokens));
                }
                return z;
            });
            return b.DecomposedLayerNorm("ln", y, Eps);
        });
        x = b.Emit("Gather", [x, b.Constant(TensorValue.FromInts(DType.Int64, Shape.Scalar, [0L]))], Attributes.From(("axis", AttrValue.Of(1L))), hidden);
        x = b.In("heads", () => b.Linear("head", x, 1000));
        return b.Build(x);
    }

    private static string Block(NetBuilder b, string input, int heads, long mlp, long tokens)
    {
        var hidden = b.Features(input);
        var x = b.DecomposedLayerNorm("ln_1", input, Eps);
        x = b.In("self_attention", () => Attention(b, x, heads, tokens));
        x = b.Add(b.Dropout("dropout", x, 0), input);
        var y = b.DecomposedLayerNorm("ln_2", x, Eps);
        y = b.In("mlp", () =>
        {
            var z = b.ErfGelu("1", Projection(b, "0", y, mlp));
            z = b.Dropout("2", z, 0);
            return b.Dropout("4", Projection(b, "3", z, hidden), 0);
        });
        return b.Add(x, y);
    }

    /// <summary>nn.Linear on a 3-D input as the training export writes it: the weight transposed by a node, MatMul, bias first in the Add.</summary>
    private static string Projection(NetBuilder b, string module, string x, long outFeatures) => b.In(module, () =>
    {
        var weight = b.Transpose(b.Param("weight", outFeatures, b.Features(x)), b.Features(x), 1, 0);
        var y = b.Emit("MatMul", [x, weight], Attributes.Empty, outFeatures);
        return b.Emit("Add", [b.Param("bias", outFeatures), y], Attributes.Empty, outFeatures);
    });

    /// <summary>F.multi_head_attention_forward with batch_first, need_weights=False and no dropout.</summary>
    private static string Attention(NetBuilder b, string x, int heads, long tokens)
    {
        var e = b.Features(x);
        var headDim = e / heads;
        var seqFirst = b.Transpose(x, e, 1, 0, 2);
        var weight = b.Transpose(b.Param("in_proj_weight", 3 * e, e), e, 1, 0);
        var packed = b.Emit("MatMul", [seqFirst, weight], Attributes.Empty, 3 * e);
        packed = b.Emit("Add", [b.Param("in_proj_bias", 3 * e), packed], Attributes.Empty, 3 * e);
        string Part(int i) => b.Emit("Slice", [packed, Int64s(b, i * e), Int64s(b, (i + 1) * e), Int64s(b, -1)], Attributes.Empty, e);
        string Heads(string t) => b.Reshape(t, headDim, 0, -1, headDim);
        var (qs, ks, vs) = (Part(0), Part(1), Part(2));
        var q = b.Transpose(Heads(qs), headDim, 1, 0, 2);
        var k = Heads(ks);
        var v = b.Transpose(Heads(vs), headDim, 1, 0, 2);
        var scale = b.Constant(TensorValue.FromReals(DType.Float32, Shape.Scalar, [Math.Sqrt(headDim)]));
        q = b.Emit("Div", [q, scale], Attributes.Empty, headDim);
        var scores = b.Emit("MatMul", [q, b.Transpose(k, headDim, 1, 2, 0)], Attributes.Empty, 0);
        scores = b.Emit("Softmax", [scores], Attributes.From(("axis", AttrValue.Of(-1L))), 0);
        var context = b.Transpose(b.Emit("MatMul", [scores, v], Attributes.Empty, headDim), headDim, 1, 0, 2);
        var flat = b.Reshape(context, e, -1, e);
        var output = b.Linear("out_proj", flat, e);
        return b.Transpose(b.Reshape(output, e, tokens, -1, e), e, 1, 0, 2);
    }
}
