using CnnMem.Core;
using static CnnMem.Onnx.OnnxValueInfo;

namespace CnnMem.Onnx;

/// <summary>Converts <c>ValueInfoProto</c>s (graph inputs, outputs, value_info), read by <see cref="OnnxValueInfo"/>, to <see cref="TensorInfo"/>.</summary>
internal static class OnnxValueInfos
{
    /// <summary>A graph input: must be a tensor with a shape and dims of at least 1.</summary>
    public static TensorInfo Input(OnnxValueInfo v)
    {
        var what = $"input '{v.Name}'";
        CheckTensor(v, what);
        if (!v.HasShape)
        {
            throw new CnnMemException($"{what} has no shape; cnnmem needs at least its rank (re-export the model with input shapes)");
        }
        for (var i = 0; i < v.Dims.Count; i++)
        {
            if (v.DimValues[i] is { } d && d <= 0)
            {
                throw new CnnMemException($"{what} dim {i} is {d}; every input dim must be at least 1");
            }
        }
        return new TensorInfo(v.Name, OnnxDTypes.From(v.ElemType, what), new Shape(v.Dims));
    }

    /// <summary>
    /// A declared shape (graph output or value_info), used only to cross-check inference. Anything
    /// odd (no type, not a tensor, unknown element type, negative dims) gives null or unknown dims
    /// instead of an error: a wrong declaration must not stop an analysis that does not need it.
    /// </summary>
    public static TensorInfo? Declared(OnnxImportContext context, OnnxValueInfo v)
    {
        if (v.TypeCase != TensorType || !v.HasShape || !OnnxDTypes.TryFrom(v.ElemType, out var dtype))
        {
            return null;
        }
        // v is the importer's scratch copy, read for this value info only: its dims can be changed in place.
        for (var i = 0; i < v.Dims.Count; i++)
        {
            if (v.DimValues[i] is < 0)
            {
                v.Dims[i] = Dim.Unknown;
            }
        }
        return new TensorInfo(v.Name, dtype, context.Shapes.Get(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(v.Dims)));
    }

    private static void CheckTensor(OnnxValueInfo v, string what)
    {
        if (!v.HasType)
        {
            throw new CnnMemException($"{what} has no type");
        }
        switch (v.TypeCase)
        {
            case TensorType:
                return;
            case SequenceType:
                throw new CnnMemException($"{what} is a sequence; cnnmem analyses tensor inputs only");
            case MapType:
                throw new CnnMemException($"{what} is a map; cnnmem analyses tensor inputs only");
            case SparseTensorType:
                throw new CnnMemException($"{what} is a sparse tensor; cnnmem analyses dense tensor inputs only");
            case OptionalType:
                throw new CnnMemException($"{what} is an optional value; cnnmem analyses tensor inputs only");
            default:
                throw new CnnMemException($"{what} has no type");
        }
    }
}
