namespace CnnMem.Graphs;

/// <summary>The type of an attribute value (mirrors ONNX's AttributeProto types that cnnmem uses).</summary>
internal enum AttrKind
{
    Int,
    Float,
    String,
    Ints,
    Floats,
    Strings,
    Tensor,
    Graph,
}
