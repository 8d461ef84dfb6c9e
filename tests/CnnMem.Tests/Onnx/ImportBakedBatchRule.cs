using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// A test-only op (domain "test", op "Baked") that behaves like a Reshape whose target the exporter
/// baked at batch 1: its input must hold exactly <c>elements</c> values, as the file fixed them.
/// </summary>
internal sealed class ImportBakedBatchRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Baked");

    public string Domain => "test";

    public string Description => "test only: fails unless the input has the baked element count";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray<SpecSyntax>.Empty;

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.InputShape(0);
        var baked = ctx.Attr.Int("elements", 0);
        OpContext.Require(x.Elements == baked, $"cannot reshape {x} ({x.Elements} elements) to the target's {baked} elements");
        return ctx.Single(ctx.Input(0).DType, Shape.Of(baked));
    }
}
