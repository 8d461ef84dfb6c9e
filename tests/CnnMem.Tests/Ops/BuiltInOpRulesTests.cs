using CnnMem.Ops;

namespace CnnMem.Tests.Ops;

public class BuiltInOpRulesTests
{
    [Fact]
    public void EveryRuleTypeInTheLibrary_IsListedOnce()
    {
        var ruleTypes = typeof(IOpRule).Assembly.GetTypes()
            .Where(t => typeof(IOpRule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var listed = BuiltInOpRules.All.Select(r => r.GetType().FullName!).ToArray();

        var missing = ruleTypes.Except(listed).ToArray();
        Assert.True(missing.Length == 0, $"op rules missing from BuiltInOpRules.All: {string.Join(", ", missing)}");
        Assert.Equal(listed.Distinct().Count(), listed.Length);
        Assert.Equal(ruleTypes, listed);
    }

    [Fact]
    public void DefaultRegistry_HoldsTheBuiltInRules()
    {
        Assert.Equal(BuiltInOpRules.All, OpRegistry.Default.Rules);
    }
}
