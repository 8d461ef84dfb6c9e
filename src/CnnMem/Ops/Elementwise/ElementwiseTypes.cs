using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Ops.Elementwise;

/// <summary>Element-type rules shared by element-wise ops.</summary>
internal static class ElementwiseTypes
{
    /// <summary>
    /// The one element type the given inputs share (ONNX's type constraint T for Add, Concat, ...).
    /// 1. All equal: that type.
    /// 2. All floating point but different: analysis re-types graph inputs and weights (--dtype), while
    ///    constants computed inside the graph keep the file's type, so the mismatch is the tool's, not
    ///    the model's; take the type of an input whose contents are not constant (the activation).
    /// 3. Otherwise the model mixes kinds (float with int64): an error naming both.
    /// </summary>
    public static DType Common(OpContext ctx, IEnumerable<int> indices)
    {
        var present = indices.Where(ctx.HasInput).Select(ctx.Input).ToList();
        OpContext.Require(present.Count > 0, "expects at least one input, found none");
        var first = present[0].DType;
        if (present.All(t => t.DType == first))
        {
            return first;
        }
        if (present.All(t => DTypes.IsFloat(t.DType)))
        {
            return (present.FirstOrDefault(t => t.Value is null) ?? present[0]).DType;
        }
        var other = present.First(t => t.DType != first);
        throw new OpException($"expects all inputs to have one element type, found {DTypes.Name(first)} ('{present[0].Name}') and {DTypes.Name(other.DType)} ('{other.Name}')");
    }

    /// <summary>All inputs of the node (skipping omitted ones).</summary>
    public static DType Common(OpContext ctx) => Common(ctx, Enumerable.Range(0, ctx.InputCount));

    /// <summary>Throws unless <paramref name="t"/> is accepted by <paramref name="accept"/>.</summary>
    public static void Require(TensorInfo t, Func<DType, bool> accept, string expected)
    {
        if (!accept(t.DType))
        {
            throw new OpException($"expects {expected} input, found {DTypes.Name(t.DType)} for '{t.Name}'");
        }
    }
}
