using System.Collections.Immutable;
using CnnMem.Ops;

namespace CnnMem.Tests.Spec.TestRules;

/// <summary>A fully connected syntax with aliases (fc, dense, linear) and an optional float.</summary>
internal sealed class TestDenseRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("TestDense");

    public string Domain => "test";

    public string Description => "test dense";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("fc", "dense", "linear"),
        "FC",
        ImmutableArray.Create(
            new SpecArg("units", "units", SpecArgKind.Int, "output features", Required: true),
            new SpecArg("scale", "scale", SpecArgKind.Float, "an optional number")),
        ImmutableArray.Create(
            new SpecArg("bias", "bias", SpecArgKind.Bool, "bias"),
            new SpecArg("mode", "mode", SpecArgKind.Word, "a word"))));

    public OpResult Infer(OpContext ctx) => ctx.Single(ctx.Input(0).DType, ctx.InputShape(0));
}
