using CnnMem.Graphs;

namespace CnnMem.Import.Keras;

/// <summary>
/// One canonical node of a Keras layer's translation. A layer becomes a chain of these: the first reads the
/// layer's inputs, each next one the previous output, and the last writes the layer's output.
/// </summary>
/// <param name="Op">Canonical op type.</param>
/// <param name="Attributes">Its attributes (ONNX names, or the spec's own such as <c>filters</c>).</param>
/// <param name="Part">A short name for the node within the layer (<c>depthwise</c>, <c>activation</c>).</param>
/// <param name="Domain">The op's domain ("" for ONNX ops, "cnnmem" for cnnmem's layer ops).</param>
internal sealed record KerasOp(string Op, Attributes Attributes, string Part, string Domain = "");
