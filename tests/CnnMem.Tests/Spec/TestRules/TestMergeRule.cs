using System.Collections.Immutable;
using CnnMem.Ops;

namespace CnnMem.Tests.Spec.TestRules;

/// <summary>Merges (add, concat) whose positional layer names become the node's inputs; concat has an axis option.</summary>
internal sealed class TestMergeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("TestAdd", "TestConcat");

    public string Domain => "test";

    public string Description => "test merge";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(
            ImmutableArray.Create("add"),
            "add",
            ImmutableArray.Create(new SpecArg("layers", "inputs", SpecArgKind.LayerRefs, "the layers to add", Required: true)),
            ImmutableArray<SpecArg>.Empty),
        new SpecSyntax(
            ImmutableArray.Create("concat"),
            "concat",
            ImmutableArray.Create(new SpecArg("layers", "inputs", SpecArgKind.LayerRefs, "the layers to join", Required: true)),
            ImmutableArray.Create(new SpecArg("axis", "axis", SpecArgKind.Int, "axis")))
        {
            Op = "TestConcat",
        });

    public OpResult Infer(OpContext ctx) => ctx.Single(ctx.Input(0).DType, ctx.InputShape(0));
}
