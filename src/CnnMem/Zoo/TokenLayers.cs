using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// Layers on channels-last and token tensors, as used by ConvNeXt, ViT and Swin: transposes, reshapes, layer norm
/// (ONNX LayerNormalization over the last axis), linear layers on any rank (MatMul with the weight stored
/// transposed, as the exporter stores it, plus the bias), GELU.
/// </summary>
internal static class TokenLayers
{
    public static string Transpose(this NetBuilder b, string x, long outFeatures, params long[] perm) =>
        b.Emit("Transpose", [x], Attributes.From(("perm", AttrValue.Of(perm))), outFeatures);

    /// <summary>Reshape to <paramref name="shape"/> (ONNX conventions: 0 copies a dim, -1 takes the rest).</summary>
    public static string Reshape(this NetBuilder b, string x, long outFeatures, params long[] shape)
    {
        var target = b.Constant(TensorValue.FromInts(DType.Int64, Shape.Of(shape.Length), shape));
        return b.Emit("Reshape", [x, target], Attributes.Empty, outFeatures);
    }

    /// <summary>nn.LayerNorm over the last axis (weight and bias).</summary>
    public static string LayerNorm(this NetBuilder b, string module, string x, double eps) => b.In(module, () =>
    {
        var c = b.Features(x);
        return b.Emit("LayerNormalization", [x, b.Param("weight", c), b.Param("bias", c)],
            Attributes.From(("axis", AttrValue.Of(-1L)), ("epsilon", AttrValue.Of((double)(float)eps))), c);
    });

    /// <summary>torchvision's LayerNorm2d: channels-last, layer norm, channels-first again.</summary>
    public static string LayerNorm2d(this NetBuilder b, string module, string x, double eps) => b.In(module, () =>
    {
        var c = b.Features(x);
        var y = b.Transpose(x, c, 0, 2, 3, 1);
        y = b.Emit("LayerNormalization", [y, b.Param("weight", c), b.Param("bias", c)],
            Attributes.From(("axis", AttrValue.Of(-1L)), ("epsilon", AttrValue.Of((double)(float)eps))), c);
        return b.Transpose(y, c, 0, 3, 1, 2);
    });

    /// <summary>nn.Linear on the last axis of any rank: MatMul by the transposed weight, then the bias.</summary>
    public static string Dense(this NetBuilder b, string module, string x, long outFeatures, bool bias = true) => b.In(module, () =>
    {
        var y = b.Emit("MatMul", [x, b.Param("weight", b.Features(x), outFeatures)], Attributes.Empty, outFeatures);
        return bias ? b.Emit("Add", [y, b.Param("bias", outFeatures)], Attributes.Empty, outFeatures) : y;
    });

    public static string Gelu(this NetBuilder b, string module, string x) => b.Act(module, "Gelu", x);
}
