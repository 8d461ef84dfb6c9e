using System.Collections.Immutable;
using CnnMem.Ops;

namespace CnnMem.Tests.Spec.TestRules;

/// <summary>A pool-like syntax (kernel, stride defaulting to the kernel, pads, ceil) so parser tests do not depend on the real pool rule.</summary>
internal sealed class TestPoolRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("TestPool", "TestMaxPool");

    public string Domain => "test";

    public string Description => "test pool";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(
            ImmutableArray.Create("maxpool", "maxpool2d"),
            "P",
            ImmutableArray.Create(new SpecArg("kernel", "kernel_shape", SpecArgKind.Size, "window, e.g. 2x2", Required: true)),
            ImmutableArray.Create(
                new SpecArg("stride", "strides", SpecArgKind.Size, "stride (default: the kernel)", DefaultFrom: "kernel"),
                new SpecArg("pad", "pads", SpecArgKind.Pads, "padding"),
                new SpecArg("ceil", "ceil_mode", SpecArgKind.Bool, "ceil mode")))
        {
            Op = "TestMaxPool",
        });

    public OpResult Infer(OpContext ctx) => ctx.Single(ctx.Input(0).DType, ctx.InputShape(0));
}
