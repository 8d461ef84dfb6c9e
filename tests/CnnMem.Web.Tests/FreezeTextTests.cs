using CnnMem.Web.Model;

namespace CnnMem.Web.Tests;

/// <summary>The page's freeze field: the CLI's --freeze/--trainable in one line, in order.</summary>
public class FreezeTextTests
{
    [Fact]
    public void Parse_FreezeThenTrainable_InOrder() =>
        Assert.Equal(new[] { new FreezeRule("*", false), new FreezeRule("fc*", true), new FreezeRule("layer1", false) }, FreezeText.Parse("*  +fc*, layer1"));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("  ")]
    public void Parse_Empty_FreezesNothing(string? text) => Assert.Empty(FreezeText.Parse(text));

    [Fact]
    public void Parse_LonePlus_IsAnError() => Assert.Throws<CnnMemException>(() => FreezeText.Parse("* +"));

    [Fact]
    public void Settings_CarryTheRules_IntoTheAnalysis()
    {
        var options = new WebSettings { Freeze = "* +C2*" }.ToOptions(1, System.Collections.Immutable.ImmutableDictionary<string, long>.Empty, deviceFit: false);
        Assert.Equal(2, options.Freeze.Length);
        Assert.True(options.Freeze[1].Trainable);
    }
}
