using CnnMem.Ops;
using CnnMem.Ops.Rules;

namespace CnnMem.Tests.Spec.TestRules;

/// <summary>The real conv rule plus test rules covering every argument kind, so the parser is tested on its own.</summary>
internal static class TestRegistry
{
    public static OpRegistry Instance { get; } = new(new IOpRule[]
    {
        new ConvRule(), new TestPoolRule(), new TestDenseRule(), new TestMergeRule(), new TestActivationRule(),
    });
}
