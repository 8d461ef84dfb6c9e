using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// LayerNorm and GELU decomposed as <c>torch.onnx.export</c> writes them below opset 17 (ViT's oracle export), so
/// the zoo's ViT analyses like its export, which matches the oracle's measured inference peak.
/// LayerNorm: mean, x - mean, its square's mean plus eps, square root, divide, scale, shift.
/// GELU: x * (erf(x / sqrt 2) + 1) * 0.5.
/// </summary>
internal static class ExportedNorms
{
    private static string Scalar(NetBuilder b, double v) => b.Constant(TensorValue.FromReals(DType.Float32, Shape.Scalar, [(double)(float)v]));

    public static string DecomposedLayerNorm(this NetBuilder b, string module, string x, double eps) => b.In(module, () =>
    {
        var c = b.Features(x);
        var lastAxis = Attributes.From(("axes", AttrValue.Of(new long[] { -1 })));
        var mean = b.Emit("ReduceMean", [x], lastAxis, 1);
        var centered = b.Emit("Sub", [x, mean], Attributes.Empty, c);
        var square = b.Emit("Pow", [centered, Scalar(b, 2.0)], Attributes.Empty, c);
        var variance = b.Emit("ReduceMean", [square], lastAxis, 1);
        var std = b.Emit("Sqrt", [b.Emit("Add", [variance, Scalar(b, eps)], Attributes.Empty, 1)], Attributes.Empty, 1);
        var normed = b.Emit("Div", [centered, std], Attributes.Empty, c);
        var scaled = b.Emit("Mul", [normed, b.Param("weight", c)], Attributes.Empty, c);
        return b.Emit("Add", [scaled, b.Param("bias", c)], Attributes.Empty, c);
    });

    public static string ErfGelu(this NetBuilder b, string module, string x) => b.In(module, () =>
    {
        var c = b.Features(x);
        var erf = b.Emit("Erf", [b.Emit("Div", [x, Scalar(b, Math.Sqrt(2))], Attributes.Empty, c)], Attributes.Empty, c);
        var y = b.Emit("Mul", [x, b.Emit("Add", [erf, Scalar(b, 1.0)], Attributes.Empty, c)], Attributes.Empty, c);
        return b.Emit("Mul", [y, Scalar(b, 0.5)], Attributes.Empty, c);
    });
}
