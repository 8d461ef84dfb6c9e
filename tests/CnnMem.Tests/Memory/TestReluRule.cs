using System.Collections.Immutable;
using CnnMem.Ops;

namespace CnnMem.Tests.Memory;

/// <summary>A ReLU stand-in for memory tests: keeps its result for backward and can run in place.</summary>
internal sealed class TestReluRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("TestRelu");

    public string Domain => "test";

    public string Description => "test relu";

    public ImmutableArray<SpecSyntax> Spec => ImmutableArray<SpecSyntax>.Empty;

    public OpResult Infer(OpContext ctx) => ctx.Single(ctx.Input(0).DType, ctx.InputShape(0)) with
    {
        Saved = ImmutableArray.Create(SavedTensor.Out(0, "result")),
        CanRunInPlace = true,
        CountsInTextbookSum = false,
    };
}
