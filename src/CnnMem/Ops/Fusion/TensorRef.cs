namespace CnnMem.Ops.Fusion;

/// <summary>
/// A tensor of a fusion pattern: input or output <see cref="Index"/> of the node a step bound to <see cref="Label"/>.
/// A skipped optional step is a wire: each of its tensors is the tensor it would have been attached at.
/// </summary>
internal readonly record struct TensorRef(string Label, bool IsOutput, int Index)
{
    /// <summary>Input <paramref name="index"/> of the node labelled <paramref name="label"/>.</summary>
    public static TensorRef In(string label, int index = 0) => new(label, false, index);

    /// <summary>Output <paramref name="index"/> of the node labelled <paramref name="label"/>.</summary>
    public static TensorRef Out(string label, int index = 0) => new(label, true, index);

    public override string ToString() => $"{Label}.{(IsOutput ? "out" : "in")}{Index}";
}
