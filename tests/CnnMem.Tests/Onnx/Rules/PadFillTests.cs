using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

/// <summary>What the Pad rule declares for the padded-average-pooling fusion: whether a Pad fills with constant zeros.</summary>
public class PadFillTests
{
    [Theory]
    [InlineData(null, null, "absent", true)]        // opset 11+: no constant_value input, zeros
    [InlineData("constant", null, "zero", true)]
    [InlineData("constant", null, "one", false)]
    [InlineData("constant", null, "runtime", false)] // a fill only known when it runs
    [InlineData("reflect", null, "absent", false)]
    [InlineData("edge", null, "zero", false)]
    [InlineData(null, 0.0, "absent", true)]          // before opset 11: the 'value' attribute
    [InlineData(null, 0.5, "absent", false)]
    public void FillsWithZeros(string? mode, double? value, string fill, bool zeros)
    {
        var attrs = new List<(string, AttrValue)>();
        if (mode is not null)
        {
            attrs.Add(("mode", AttrValue.Of(mode)));
        }
        if (value is { } v)
        {
            attrs.Add(("value", AttrValue.Of(v)));
        }
        TensorInfo?[] inputs = fill switch
        {
            "absent" => [T("x", "1x3x4x4"), Ints("pads", 0, 0, 1, 1, 0, 0, 1, 1)],
            "zero" => [T("x", "1x3x4x4"), Ints("pads", 0, 0, 1, 1, 0, 0, 1, 1), Floats("c", 0)],
            "one" => [T("x", "1x3x4x4"), Ints("pads", 0, 0, 1, 1, 0, 0, 1, 1), Floats("c", 1)],
            _ => [T("x", "1x3x4x4"), Ints("pads", 0, 0, 1, 1, 0, 0, 1, 1), T("c", "1")],
        };
        var node = new Node("pad", "Pad", [.. inputs.Select(i => i!.Name)], ["y"], A([.. attrs]));
        Assert.Equal(zeros, PadRule.FillsWithZeros(node, inputs));
    }
}
