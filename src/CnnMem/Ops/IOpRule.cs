using System.Collections.Immutable;

namespace CnnMem.Ops;

/// <summary>
/// An op (or a family of ops) in one place: the names it answers to in each format, its shape rule,
/// parameter shapes, cost and what it keeps for backward. Implementations are found by reflection
/// (<see cref="OpRegistry"/>), so adding an op means adding one file.
/// </summary>
internal interface IOpRule
{
    /// <summary>Canonical op types this rule handles (ONNX names where ONNX has the op).</summary>
    ImmutableArray<string> OpTypes { get; }

    /// <summary>Operator domain: "" for ai.onnx, "com.microsoft" etc., "cnnmem" for cnnmem's own layer ops.</summary>
    string Domain => "";

    /// <summary>Oldest and newest ONNX opset versions whose semantics this rule follows.</summary>
    (int Min, int Max) Opsets => (1, 21);

    /// <summary>One sentence for <c>cnnmem ops</c> and the docs.</summary>
    string Description { get; }

    /// <summary>How the op is written in a <c>.cnn</c> spec; empty when the spec has no keyword for it.</summary>
    ImmutableArray<SpecSyntax> Spec => ImmutableArray<SpecSyntax>.Empty;

    /// <summary>Shorter names for people's tables, by op type (<see cref="OpShortName"/>); an op not listed keeps its canonical name.</summary>
    ImmutableArray<OpShortName> ShortNames => ImmutableArray<OpShortName>.Empty;

    /// <summary>Infers the node's outputs; throws <see cref="Graphs.OpException"/> on bad attributes or shapes.</summary>
    OpResult Infer(OpContext ctx);
}
