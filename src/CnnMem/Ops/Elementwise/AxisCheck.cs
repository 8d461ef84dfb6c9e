using CnnMem.Graphs;

namespace CnnMem.Ops.Elementwise;

/// <summary>Validation of a single <c>axis</c> attribute (Softmax, Concat).</summary>
internal static class AxisCheck
{
    /// <summary>
    /// The axis counted from the front, in [0, rank). Negative axes count from the back; ONNX allows
    /// them only from opset 11, but runtimes accept them earlier too, so an older model gets a warning
    /// (added to <paramref name="warnings"/>) rather than a failure.
    /// </summary>
    public static int Normalize(long axis, int rank, long opset, List<string> warnings)
    {
        if (axis < -rank || axis >= rank)
        {
            throw new OpException($"attribute 'axis' must be in [{-rank}, {rank - 1}] for an input of rank {rank}, found {axis}");
        }
        if (axis < 0 && opset is > 0 and < 11)
        {
            warnings.Add($"axis {axis} is negative, which ONNX allows only from opset 11 (the model has opset {opset}); taken as counting from the back");
        }
        return (int)(axis < 0 ? axis + rank : axis);
    }
}
