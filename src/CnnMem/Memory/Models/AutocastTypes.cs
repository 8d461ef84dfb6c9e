using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Ops;

namespace CnnMem.Memory.Models;

/// <summary>
/// The element type each activation has under autocast, propagated through the graph in forward order:
/// 1. an op on the lower-precision list writes the half type (float16, or bfloat16 with --amp-dtype);
/// 2. an op on the float32 list writes float32;
/// 3. any other op writes the widest type of its float activation inputs (parameters and buffers, which stay
///    float32 master copies, do not widen it: cuDNN's batch norm takes half input with float32 statistics; nor do
///    constants, which are Python scalars in the framework: <c>x * 0.5</c> stays half).
/// Without autocast every tensor keeps its declared type.
/// </summary>
internal sealed class AutocastTypes(MemoryOptions options, InferenceResult inference)
{
    private readonly Dictionary<string, DType> types = new(StringComparer.Ordinal);

    /// <summary>Decides and records the type of <paramref name="n"/>'s float outputs.</summary>
    internal DType Decide(NodeInference n, ISet<string> parameters)
    {
        if (!options.MixedPrecision)
        {
            return n.Outputs.Length > 0 ? n.Outputs[0].DType : DType.Float32;
        }
        var half = options.AmpDType;
        var type = n.Result.Autocast switch
        {
            AutocastClass.LowerPrecision => half,
            AutocastClass.Float32 => DType.Float32,
            _ => Widest(n, parameters) ?? half,
        };
        foreach (var o in n.Outputs)
        {
            if (DTypes.IsFloat(o.DType))
            {
                types[o.Name] = type;
            }
        }
        return type;
    }

    /// <summary>The bytes of a tensor in the type it runs in (its declared type when it is not a float or autocast is off).</summary>
    internal long Bytes(TensorInfo t) =>
        t.Elements is { } e ? checked(e * DTypes.SizeOf(TypeOf(t))) : 0;

    internal DType TypeOf(TensorInfo t) =>
        options.MixedPrecision && DTypes.IsFloat(t.DType) && types.TryGetValue(t.Name, out var run) ? run : t.DType;

    private DType? Widest(NodeInference n, ISet<string> parameters)
    {
        DType? widest = null;
        foreach (var i in n.Inputs)
        {
            if (i is null || !DTypes.IsFloat(i.DType) || parameters.Contains(i.Name) || i.Value is not null || inference.Graph.Initializers.ContainsKey(i.Name))
            {
                continue;
            }
            var t = TypeOf(i);
            if (widest is null || DTypes.SizeOf(t) > DTypes.SizeOf(widest.Value))
            {
                widest = t;
            }
        }
        return widest;
    }
}
