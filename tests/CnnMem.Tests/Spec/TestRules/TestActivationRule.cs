using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Tests.Spec.TestRules;

/// <summary>Argument-less keywords: relu, and relu6 which fixes an attribute and names another op.</summary>
internal sealed class TestActivationRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("TestRelu", "TestClip");

    public string Domain => "test";

    public string Description => "test activation";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(ImmutableArray.Create("relu"), "relu", ImmutableArray<SpecArg>.Empty, ImmutableArray<SpecArg>.Empty),
        new SpecSyntax(ImmutableArray.Create("relu6"), "relu6", ImmutableArray<SpecArg>.Empty, ImmutableArray<SpecArg>.Empty)
        {
            Op = "TestClip",
            Fixed = ImmutableDictionary<string, AttrValue>.Empty.Add("max", AttrValue.Of(6.0)),
        });

    public OpResult Infer(OpContext ctx) => ctx.Single(ctx.Input(0).DType, ctx.InputShape(0));
}
