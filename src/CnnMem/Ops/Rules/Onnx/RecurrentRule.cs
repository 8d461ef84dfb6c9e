using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX RNN, GRU and LSTM. X is [seq, batch, input] (<c>layout</c>=0) or [batch, seq, input] (1);
/// W is [directions, gates * hidden, input]. Outputs: Y [seq, dirs, batch, hidden] (layout 1:
/// [batch, seq, dirs, hidden]), Y_h and (LSTM) Y_c [dirs, batch, hidden] (layout 1: [batch, dirs, hidden]).
/// MACs: seq * batch * dirs * gates * hidden * (input + hidden). Weights are initializers (charged by the engine).
/// Backward (PyTorch): keeps the input, the outputs and the gate activations of every step.
/// </summary>
internal sealed class RecurrentRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("RNN", "GRU", "LSTM");

    public string Description => "Recurrent layers (simple RNN, GRU, LSTM), uni- or bidirectional.";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Read seq, batch and input size from X (by layout), directions and hidden size.
        // 2. Shape each present output; cost one gate matmul per step and direction.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        OpContext.Require(s.Rank == 3, $"expects X of rank 3 ([seq, batch, input]), found {s}");
        var layout = ctx.Attr.Int("layout", 0);
        var (seq, batch) = layout == 0 ? (s[0], s[1]) : (s[1], s[0]);
        var direction = ctx.Attr.Str("direction", "forward");
        OpContext.Require(direction is "forward" or "reverse" or "bidirectional", $"direction must be forward, reverse or bidirectional, found '{direction}'");
        long dirs = direction == "bidirectional" ? 2 : 1;
        var gates = ctx.Node.Op switch { "GRU" => 3L, "LSTM" => 4L, _ => 1L };
        var w = ctx.InputShape(1);
        var hidden = ctx.Attr.IntOrNull("hidden_size") ?? (w.Rank == 3 && w[1].Value is { } g ? g / gates : throw new Graphs.OpException($"needs 'hidden_size' or a weight W [dirs, {gates} * hidden, input], found {w}"));
        var y = layout == 0 ? Shape.Of(seq, Dim.Of(dirs), batch, Dim.Of(hidden)) : Shape.Of(batch, seq, Dim.Of(dirs), Dim.Of(hidden));
        var state = layout == 0 ? Shape.Of(Dim.Of(dirs), batch, Dim.Of(hidden)) : Shape.Of(batch, Dim.Of(dirs), Dim.Of(hidden));
        var shapes = new[] { y, state, state };
        var count = ctx.Node.Op == "LSTM" ? 3 : 2;
        var outputs = Enumerable.Range(0, Math.Min(count, ctx.Node.Outputs.Length))
            .Where(i => ctx.Node.Outputs[i].Length > 0)
            .Select(i => ctx.Output(i, x.DType, shapes[i]))
            .ToImmutableArray();
        long macs = 0;
        if (seq.Value is { } sq && batch.Value is { } b && s[2].Value is { } inp)
        {
            macs = checked(sq * b * dirs * gates * hidden * (inp + hidden));
        }
        var gateShape = Shape.Of(seq, Dim.Of(dirs), batch, Dim.Of(gates * hidden));
        return new OpResult(outputs)
        {
            Macs = macs,
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.Extra("gate activations per step", gateShape, x.DType)),
        };
    }
}
