using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// Swin V2's attention pieces (ShiftedWindowAttentionV2): F.normalize of q and k, the clamped and exponentiated logit
/// scale, and the continuous relative position bias, 16 * sigmoid(cpb_mlp(relative_coords_table)) gathered per pair.
/// The coordinates table is a buffer in PyTorch; here a Constant with its values, so it is not counted as a parameter.
/// </summary>
internal static class SwinV2Bias
{
    private static string Scalar(NetBuilder b, double v) => b.Constant(TensorValue.FromReals(DType.Float32, Shape.Scalar, [(double)(float)v]));

    /// <summary>F.normalize(x, dim=-1): x / max(||x||_2, 1e-12).</summary>
    public static string Normalize(NetBuilder b, string x)
    {
        var c = b.Features(x);
        var norm = b.Emit("ReduceL2", [x], Attributes.From(("axes", AttrValue.Of(new long[] { -1 })), ("keepdims", AttrValue.Of(1L))), 1);
        norm = b.Emit("Clip", [norm, Scalar(b, 1e-12), ""], Attributes.Empty, 1);
        return b.Emit("Div", [x, norm], Attributes.Empty, c);
    }

    /// <summary>torch.clamp(logit_scale, max=log 100).exp(), logit_scale a (heads, 1, 1) parameter.</summary>
    public static string LogitScale(NetBuilder b, int heads)
    {
        var clamped = b.Emit("Clip", [b.Param("logit_scale", heads, 1, 1), "", Scalar(b, Math.Log(100))], Attributes.Empty, heads);
        return b.Emit("Exp", [clamped], Attributes.Empty, heads);
    }

    public static string Bias(NetBuilder b, int heads, int window)
    {
        var side = 2 * window - 1;
        var coords = new double[side * side * 2];
        for (var i = 0; i < side; i++)
        {
            for (var j = 0; j < side; j++)
            {
                coords[(i * side + j) * 2] = LogSpaced(i - (window - 1), window);
                coords[(i * side + j) * 2 + 1] = LogSpaced(j - (window - 1), window);
            }
        }
        var table = b.Constant(TensorValue.FromReals(DType.Float32, Shape.Of(1, side, side, 2), coords));
        b.SetFeatures(table, 2);
        var mlp = b.In("cpb_mlp", () => b.Dense("2", b.Act("1", "Relu", b.Dense("0", table, 512)), heads, bias: false));
        var bias = SwinTransformers.GatherBias(b, b.Reshape(mlp, heads, -1, heads), heads, window);
        var scaled = b.Emit("Sigmoid", [bias], Attributes.Empty, window * window);
        return b.Emit("Mul", [scaled, Scalar(b, 16)], Attributes.Empty, window * window);
    }

    /// <summary>torchvision's relative_coords_table entry: scaled to [-8, 8], then sign(t) * log2(|t| + 1) / 3.</summary>
    private static double LogSpaced(int delta, int window)
    {
        var t = (float)delta / (window - 1) * 8;
        return Math.Sign(t) * Math.Log2(Math.Abs(t) + 1) / 3.0;
    }
}
