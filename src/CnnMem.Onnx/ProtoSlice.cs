namespace CnnMem.Onnx;

/// <summary>Where a length-delimited protobuf field's value lies in the model's bytes.</summary>
internal readonly record struct ProtoSlice(int Start, int Length);
