using Onnx;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// Which tensors of a node test model may honestly have unknown dims: those whose shape depends on
/// the values of a runtime graph input (not an initializer or Constant).
/// 1. Runtime tensors: graph inputs that are not initializers, and every output of a node reading one
///    (except Shape/Size/EyeLike, whose values come from static shapes).
/// 2. A node is value-shaped when a runtime tensor feeds one of its shape-determining input slots
///    (Reshape's shape, Slice's starts, ...) or its output size depends on data (NonZero, Unique).
/// 3. Unknown dims are allowed on the outputs of value-shaped nodes and everything computed from them.
/// </summary>
public static class NodeSuiteValueDependence
{
    private static readonly Dictionary<string, int[]> ShapeSlots = new(StringComparer.Ordinal)
    {
        ["Reshape"] = [1], ["Expand"] = [1], ["Tile"] = [1], ["Upsample"] = [1], ["Slice"] = [1, 2, 3, 4],
        ["Pad"] = [1, 3], ["TopK"] = [1], ["ConstantOfShape"] = [0], ["Range"] = [0, 1, 2], ["OneHot"] = [1],
        ["Unsqueeze"] = [1], ["Squeeze"] = [1], ["Split"] = [1], ["Compress"] = [1], ["NonZero"] = [0],
        ["CenterCropPad"] = [1], ["Unique"] = [0], ["NonMaxSuppression"] = [0, 1, 2, 3, 4],
        ["ReduceMean"] = [1], ["ReduceSum"] = [1], ["ReduceMax"] = [1], ["ReduceMin"] = [1], ["ReduceProd"] = [1],
        ["ReduceL1"] = [1], ["ReduceL2"] = [1], ["ReduceLogSum"] = [1], ["ReduceLogSumExp"] = [1], ["ReduceSumSquare"] = [1],
        ["StringSplit"] = [0], ["Col2Im"] = [1, 2], ["HannWindow"] = [0], ["HammingWindow"] = [0], ["BlackmanWindow"] = [0],
        ["MelWeightMatrix"] = [0, 1], ["DFT"] = [1, 2], ["STFT"] = [1, 2, 3], ["MaxUnpool"] = [2], ["StringNormalizer"] = [0],
    };

    public static HashSet<string> UnknownAllowed(GraphProto g)
    {
        var inits = g.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var runtime = g.Input.Select(i => i.Name).Where(n => !inits.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in g.Node)
        {
            var inputs = n.Input.ToArray();
            var slots = n.OpType == "Resize" ? (inputs.Length <= 2 ? [1] : new[] { 2, 3 }) : ShapeSlots.GetValueOrDefault(n.OpType, []);
            var valueShaped = slots.Any(s => s < inputs.Length && runtime.Contains(inputs[s]));
            var downstream = inputs.Any(allowed.Contains);
            // Shape and Size read only static shapes; EyeLike's values never depend on its input's values.
            var readsRuntime = inputs.Any(runtime.Contains) && n.OpType is not ("Shape" or "Size" or "EyeLike");
            foreach (var o in n.Output)
            {
                if (valueShaped || downstream)
                {
                    allowed.Add(o);
                }
                if (readsRuntime)
                {
                    runtime.Add(o);
                }
            }
        }
        return allowed;
    }
}
