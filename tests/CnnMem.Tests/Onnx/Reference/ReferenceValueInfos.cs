using CnnMem.Core;
using Onnx;

namespace CnnMem.Tests.Onnx.Reference;

/// <summary>
/// Converts <c>ValueInfoProto</c>s (graph inputs, outputs, value_info) to <see cref="TensorInfo"/>:
/// <c>dim_value</c> -> <see cref="Dim.Of"/>, <c>dim_param</c> -> <see cref="Dim.Sym"/>, neither -> <see cref="Dim.Unknown"/>.
/// </summary>
internal static class ReferenceValueInfos
{
    /// <summary>A graph input: must be a tensor with a shape and dims of at least 1.</summary>
    public static TensorInfo Input(ValueInfoProto v)
    {
        var what = $"input '{v.Name}'";
        var tensor = TensorType(v, what);
        if (tensor.Shape is null)
        {
            throw new CnnMemException($"{what} has no shape; cnnmem needs at least its rank (re-export the model with input shapes)");
        }
        var dims = new Dim[tensor.Shape.Dim.Count];
        for (var i = 0; i < dims.Length; i++)
        {
            var d = tensor.Shape.Dim[i];
            dims[i] = ToDim(d);
            if (d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue <= 0)
            {
                throw new CnnMemException($"{what} dim {i} is {d.DimValue}; every input dim must be at least 1");
            }
        }
        return new TensorInfo(v.Name, ReferenceDTypes.From(tensor.ElemType, what), new Shape(dims));
    }

    /// <summary>
    /// A declared shape (graph output or value_info), used only to cross-check inference. Anything
    /// odd (no type, not a tensor, unknown element type, negative dims) gives null or unknown dims
    /// instead of an error: a wrong declaration must not stop an analysis that does not need it.
    /// </summary>
    public static TensorInfo? Declared(ValueInfoProto v)
    {
        if (v.Type?.TensorType is not { } tensor || tensor.Shape is null)
        {
            return null;
        }
        DType dtype;
        try
        {
            dtype = ReferenceDTypes.From(tensor.ElemType, v.Name);
        }
        catch (CnnMemException)
        {
            return null;
        }
        var dims = tensor.Shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue < 0 ? Dim.Unknown : ToDim(d));
        return new TensorInfo(v.Name, dtype, new Shape(dims));
    }

    private static TypeProto.Types.Tensor TensorType(ValueInfoProto v, string what)
    {
        if (v.Type is null)
        {
            throw new CnnMemException($"{what} has no type");
        }
        return v.Type.ValueCase switch
        {
            TypeProto.ValueOneofCase.TensorType => v.Type.TensorType,
            TypeProto.ValueOneofCase.SequenceType => throw new CnnMemException($"{what} is a sequence; cnnmem analyses tensor inputs only"),
            TypeProto.ValueOneofCase.MapType => throw new CnnMemException($"{what} is a map; cnnmem analyses tensor inputs only"),
            TypeProto.ValueOneofCase.SparseTensorType => throw new CnnMemException($"{what} is a sparse tensor; cnnmem analyses dense tensor inputs only"),
            TypeProto.ValueOneofCase.OptionalType => throw new CnnMemException($"{what} is an optional value; cnnmem analyses tensor inputs only"),
            _ => throw new CnnMemException($"{what} has no type"),
        };
    }

    private static Dim ToDim(TensorShapeProto.Types.Dimension d) => d.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => Dim.Of(d.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam when d.DimParam.Length > 0 => Dim.Sym(d.DimParam),
        _ => Dim.Unknown,
    };
}
