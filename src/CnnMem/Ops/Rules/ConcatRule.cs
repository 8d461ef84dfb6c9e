using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Concatenation along an axis (ONNX Concat; spec <c>concat A B [C...] [axis=1]</c>, axis in NCHW terms,
/// default 1 = channels). ONNX: <c>axis</c> defaults to 1 before opset 4 and is required from 4;
/// negative axes from 11. Inputs share rank and type, and every dim but the axis.
/// Backward (PyTorch cat): keeps nothing. Functional merge: not in the textbook sum.
/// Value inference: exporters concatenate shape vectors ([1] and [-1] give [1, -1]).
/// </summary>
internal sealed class ConcatRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Concat");

    public string Description => "Concatenation of tensors along an axis (channels by default in specs).";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("concat"),
        "concat",
        ImmutableArray.Create(new SpecArg("inputs", "inputs", SpecArgKind.LayerRefs, "layers to concatenate", Required: true)),
        ImmutableArray.Create(new SpecArg("axis", "axis", SpecArgKind.Int, "axis in N,C,H,W order (default 1, channels)"))));

    /// <summary>
    /// 1. Axis: the attribute, or its default (1 for specs and opsets 1-3); range-checked.
    /// 2. Dims: the axis dims add up (unknown if any is unknown); the others must agree.
    /// 3. Type: the inputs' common type.
    /// 4. Value: when every input's contents are known, the concatenated contents.
    /// </summary>
    public OpResult Infer(OpContext ctx)
    {
        OpContext.Require(ctx.InputCount >= 1, "expects at least 1 input, found none");
        var inputs = Enumerable.Range(0, ctx.InputCount).Select(ctx.Input).ToList();
        var dtype = ElementwiseTypes.Common(ctx);
        if (inputs.Any(t => !t.Shape.IsRanked))
        {
            return ctx.Single(dtype, Shape.Unranked) with { CountsInTextbookSum = false };
        }
        var rank = inputs[0].Shape.Rank;
        OpContext.Require(rank >= 1, "expects inputs of rank at least 1, found a scalar");
        var mismatch = inputs.FirstOrDefault(t => t.Shape.Rank != rank);
        OpContext.Require(mismatch is null, $"expects inputs of one rank, found {inputs[0].Shape} ('{inputs[0].Name}') and {mismatch?.Shape} ('{mismatch?.Name}')");

        OpContext.Require(ctx.Opset is 0 or < 4 || ctx.Attr.Has("axis"), $"needs the 'axis' attribute from opset 4 (the model has opset {ctx.Opset})");
        var warnings = new List<string>();
        var axis = AxisCheck.Normalize(ctx.Attr.Int("axis", 1), rank, ctx.Opset, warnings);

        var dims = new Dim[rank];
        for (var d = 0; d < rank; d++)
        {
            dims[d] = d == axis ? SumAxis(inputs, d) : Agree(inputs, d);
        }
        var shape = new Shape(dims);
        return ctx.Single(dtype, shape, ConcatValues(inputs, shape, axis, dtype)) with
        {
            CountsInTextbookSum = false,
            MergesLayers = true,
            Warnings = warnings.ToImmutableArray(),
        };
    }

    private static Dim SumAxis(List<TensorInfo> inputs, int d)
    {
        long total = 0;
        foreach (var t in inputs)
        {
            if (t.Shape[d].Value is not { } v)
            {
                // One symbolic input alone keeps its symbol; anything else unknown is unknown.
                return inputs.Count == 1 ? t.Shape[d] : Dim.Unknown;
            }
            total = checked(total + v);
        }
        return Dim.Of(total);
    }

    private static Dim Agree(List<TensorInfo> inputs, int d)
    {
        var dim = inputs[0].Shape[d];
        foreach (var t in inputs.Skip(1))
        {
            var o = t.Shape[d];
            if (dim.IsKnown && o.IsKnown && dim.Value != o.Value)
            {
                throw new OpException($"expects inputs to agree on every dim but the axis; dim {d} is {dim} for '{inputs[0].Name}' ({inputs[0].Shape}) and {o} for '{t.Name}' ({t.Shape})");
            }
            dim = dim.IsKnown ? dim : o.IsKnown ? o : dim.Symbol is not null && dim.Symbol == o.Symbol ? dim : Dim.Unknown;
        }
        return dim;
    }

    /// <summary>Outer blocks (dims before the axis) interleave each input's inner block in input order.</summary>
    private static TensorValue? ConcatValues(List<TensorInfo> inputs, Shape shape, int axis, DType dtype)
    {
        if (inputs.Any(t => t.Value is null || !t.Shape.IsFullyKnown || t.Value.Count != t.Shape.Elements) || shape.Elements is not { } n || n > ElementwiseValues.MaxElements)
        {
            return null;
        }
        var dims = shape.ToLongs();
        var outer = dims.Take(axis).Aggregate(1L, (a, b) => checked(a * b));
        var blocks = inputs.Select(t => t.Shape.ToLongs().Skip(axis).Aggregate(1L, (a, b) => checked(a * b))).ToArray();
        var sources = new List<(int Input, long Index)>();
        for (long o = 0; o < outer; o++)
        {
            for (var k = 0; k < inputs.Count; k++)
            {
                for (long j = 0; j < blocks[k]; j++)
                {
                    sources.Add((k, checked((o * blocks[k]) + j)));
                }
            }
        }
        if (inputs.All(t => t.Value!.Ints is not null))
        {
            var ints = inputs.Select(t => t.Value!.Ints!.Value).ToArray();
            var values = sources.Select(s => ints[s.Input][(int)s.Index]);
            return DTypes.IsFloat(dtype) ? TensorValue.FromReals(dtype, shape, values.Select(v => (double)v)) : TensorValue.FromInts(dtype, shape, values);
        }
        var reals = inputs.Select(t => t.Value!.AsDoubles().ToArray()).ToArray();
        var r = sources.Select(s => reals[s.Input][s.Index]).ToList();
        if (DTypes.IsFloat(dtype))
        {
            return TensorValue.FromReals(dtype, shape, r);
        }
        var asLongs = r.Select(ElementwiseValues.ToLong).ToList();
        return asLongs.Any(v => v is null) ? null : TensorValue.FromInts(dtype, shape, asLongs.Select(v => v!.Value));
    }
}
