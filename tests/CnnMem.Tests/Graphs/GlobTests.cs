using CnnMem.Inference;

namespace CnnMem.Tests.Graphs;

/// <summary>The globs --freeze and --trainable take, read as Python's fnmatch.fnmatchcase reads them.</summary>
public class GlobTests
{
    [Theory]
    [InlineData("*", "layer1.0.conv1.weight", true)]
    [InlineData("fc*", "fc.weight", true)]
    [InlineData("fc*", "features.fc", false)]
    [InlineData("*.bias", "layer1.0.bn1.bias", true)]
    [InlineData("layer?.0", "layer3.0", true)]
    [InlineData("layer?.0", "layer10.0", false)]
    [InlineData("features.[0-6]*", "features.6.block", true)]
    [InlineData("features.[0-6]*", "features.7.block", false)]
    [InlineData("features.[!0-6]*", "features.7", true)]
    [InlineData("features.[^0-6]*", "features.3", false)]
    [InlineData("a[]]b", "a]b", true)]
    [InlineData("a[b", "a[b", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("", "", true)]
    [InlineData("Fc*", "fc.weight", false)]
    public void Glob_MatchesAsFnmatch(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.Matches(pattern, text));

    [Theory]
    [InlineData("layer1", "layer1.0.conv1.weight", true)] // a module covers its parameters
    [InlineData("layer1.0", "layer1.0.conv1.weight", true)]
    [InlineData("layer1", "layer10.conv.weight", false)]
    [InlineData("layer1.0.conv1.weight", "layer1.0.conv1.weight", true)]
    [InlineData("conv1", "layer1.0.conv1.weight", false)] // a prefix, not any component
    public void Trainability_MatchesNameOrModulePrefix(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Trainability.Matches(pattern, name));
}
