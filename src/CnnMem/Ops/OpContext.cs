using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Ops;

/// <summary>What an op rule sees of one node: the node, its inputs' inferred types, shapes and known values.</summary>
internal sealed class OpContext
{
    public OpContext(Node node, IReadOnlyList<TensorInfo?> inputs, long opset)
    {
        Node = node;
        Inputs = inputs;
        Opset = opset;
    }

    public Node Node { get; }

    /// <summary>One entry per node input; null where the optional input is omitted (empty name).</summary>
    public IReadOnlyList<TensorInfo?> Inputs { get; }

    /// <summary>The model's ai.onnx opset (0 for specs: latest semantics).</summary>
    public long Opset { get; }

    public Attributes Attr => Node.Attributes;

    public int InputCount => Inputs.Count;

    public bool HasInput(int index) => index < Inputs.Count && Inputs[index] is not null;

    /// <summary>Input <paramref name="index"/>; throws a clear error when it is missing.</summary>
    public TensorInfo Input(int index) =>
        HasInput(index) ? Inputs[index]! : throw new OpException($"expects input {index} but it is missing");

    /// <summary>Input's shape, requiring a known rank.</summary>
    public Shape InputShape(int index)
    {
        var s = Input(index).Shape;
        return s.IsRanked ? s : throw new OpException($"input {index} ('{Input(index).Name}') has an unknown rank");
    }

    /// <summary>Input's shape with all dims known (throws otherwise).</summary>
    public long[] KnownDims(int index)
    {
        var s = InputShape(index);
        return s.IsFullyKnown ? s.ToLongs() : throw new OpException($"input {index} ('{Input(index).Name}') has shape {s}, which is not fully known");
    }

    /// <summary>
    /// As <see cref="KnownDims(int)"/>, written into <paramref name="buffer"/> (a larger array is made when the rank exceeds it):
    /// rules that only read the sizes keep them on the stack.
    /// </summary>
    public ReadOnlySpan<long> KnownDims(int index, Span<long> buffer)
    {
        var s = InputShape(index);
        if (!s.IsFullyKnown)
        {
            throw new OpException($"input {index} ('{Input(index).Name}') has shape {s}, which is not fully known");
        }
        var values = s.Rank <= buffer.Length ? buffer[..s.Rank] : new long[s.Rank];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = s[i].Value!.Value;
        }
        return values;
    }

    /// <summary>Name of output <paramref name="index"/> (the node's own, or a synthetic one).</summary>
    public string OutputName(int index) =>
        index < Node.Outputs.Length && Node.Outputs[index].Length > 0 ? Node.Outputs[index] : $"{Node.Name}:out{index}";

    public TensorInfo Output(int index, DType dtype, Shape shape, TensorValue? value = null) =>
        new(OutputName(index), dtype, shape, value);

    /// <summary>A result with a single output.</summary>
    public OpResult Single(DType dtype, Shape shape, TensorValue? value = null) =>
        new(ImmutableArray.Create(Output(0, dtype, shape, value)));

    /// <summary>Throws an <see cref="OpException"/> when <paramref name="condition"/> is false.</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new OpException(message);
        }
    }

    /// <summary>As <see cref="Require(bool, string)"/>; an interpolated message is only formatted when the check fails.</summary>
    public static void Require(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref RequireMessageHandler message)
    {
        if (!condition)
        {
            throw new OpException(message.ToStringAndClear());
        }
    }
}
