using CnnMem.Import.Spec;
using CnnMem.Tests.Spec.TestRules;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Spec;

/// <summary>Every class of spec mistake gives a <see cref="CnnMemException"/> that starts with file:line:column and says what was expected.</summary>
public class SpecErrorTests
{
    public static TheoryData<string, string, string> BadSpecs => new()
    {
        // unknown keywords, with suggestions
        { "input 8x8x3\nmaxpoll 2x2", "t.cnn:2:1:", "unknown layer type 'maxpoll'; did you mean 'maxpool'?" },
        { "input 8x8x3\nconv 4 3x3\nmxapool 2x2", "t.cnn:3:1:", "did you mean 'maxpool'?" },
        { "input 8x8x3\n  C1 conv 4 3x3", "t.cnn:2:3:", "write 'C1: conv ...'" },
        { "input 8x8x3\nzzzzzz 2", "t.cnn:2:1:", "unknown layer type 'zzzzzz' (run 'cnnmem ops'" },
        // unknown and repeated options
        { "input 8x8x3\nmaxpool 2x2 strde=2", "t.cnn:2:13:", "unknown option 'strde' for 'maxpool'; did you mean 'stride'?" },
        { "input 8x8x3\nconv 4 3x3 stride=1 stride=2", "t.cnn:2:21:", "option 'stride' is given twice" },
        { "input 8x8x3\nconv 4 3x3 stride=", "t.cnn:2:19:", "expected a value after 'stride='" },
        // malformed values
        { "input 8x8x3\nconv 4 3y3", "t.cnn:2:8:", "expected a size like 3x3 (or 3), found '3y3'" },
        { "input 8x8x3\nconv 4 3x0", "t.cnn:2:8:", "expected a size like 3x3 (or 3), found '3x0'" },
        { "input 8x8x3\nconv 4 3x3 stride=2y", "t.cnn:2:19:", "expected a size like 3x3 (or 3), found '2y'" },
        { "input 8x8x3\nconv four 3x3", "t.cnn:2:6:", "expected a whole number for filters, found 'four'" },
        { "input 8x8x3\nconv 99999999999 3x3", "t.cnn:2:6:", "of at most 2147483647, found '99999999999'" },
        { "input 8\nfc 4 abc", "t.cnn:2:6:", "expected a number such as 0.5 for scale, found 'abc'" },
        { "input 8\nfc 4 NaN", "t.cnn:2:6:", "expected a number such as 0.5 for scale, found 'NaN'" },
        { "input 8x8x3\nconv 4 3x3 bias=maybe", "t.cnn:2:17:", "expected true or false for bias, found 'maybe'" },
        { "input 8x8x3\nconv 4 3x3 pad=1,2,3", "t.cnn:2:16:", "expected padding as same, valid, P, PH,PW or T,L,B,R" },
        { "input 8x8x3\nconv 4 3x3 pad=-1", "t.cnn:2:16:", "expected padding as same, valid" },
        { "input 8\nfc 2 trainable=nope", "t.cnn:2:16:", "expected true or false for trainable, found 'nope'" },
        // missing and extra positional arguments
        { "input 8x8x3\nconv 4", "t.cnn:2:7:", "'conv' needs FILTERS KERNEL; missing kernel" },
        { "input 8x8x3\nconv", "t.cnn:2:5:", "missing filters" },
        { "input 8x8x3\nmaxpool 2x2 7", "t.cnn:2:13:", "'maxpool' takes KERNEL, found an extra '7'" },
        { "input 8\nrelu 3", "t.cnn:2:6:", "'relu' takes no positional arguments, found an extra '3'" },
        { "input 8\nadd", "t.cnn:2:4:", "'add' needs the names of the layers it reads" },
        // references to layers
        { "input 8x8x3\nconv 4 3x3 from=C9", "t.cnn:2:17:", "no layer named 'C9' above this line" },
        { "input 8x8x3\nC1: conv 4 3x3\nadd C1 C9", "t.cnn:3:8:", "no layer named 'C9' above this line" },
        { "input 8x8x3\nadd C1 input\nC1: conv 4 3x3", "t.cnn:2:5:", "no layer named 'C1' above this line" },
        { "input 8x8x3\nconv 4 3x3\nrelu from=c1", "t.cnn:3:11:", "no layer named 'c1' above this line; did you mean 'C1'?" },
        { "input 8\na: relu from=a", "t.cnn:2:14:", "layer 'a' cannot read its own output" },
        { "input 8\nb: relu\nadd1: add b add1", "t.cnn:3:13:", "layer 'add1' cannot read its own output" },
        { "input 8\na: relu\nadd a from=a", "t.cnn:3:12:", "'from=' cannot be used with them" },
        // names
        { "input 8x8x3\na: conv 4 3x3\na: relu", "t.cnn:3:1:", "duplicate name: layer name 'a' is already used on line 2" },
        { "input 8x8x3\nconv 4 3x3\nC1: relu", "t.cnn:3:1:", "is already used on line 2 (the automatic name of the unnamed layer there)" },
        { "x: input 8\nx: input 8\nfc 2", "t.cnn:2:1:", "duplicate name: layer name 'x'" },
        { "input 8\n1x: relu", "t.cnn:2:1:", "expected a layer name made of letters" },
        { "input 8\n: relu", "t.cnn:2:1:", "expected a layer name before ':'" },
        { "input 8\nfoo:", "t.cnn:2:5:", "expected a layer keyword such as 'conv' after 'foo:'" },
        // input lines
        { "# net\nconv 4 3x3", "t.cnn:2:1:", "expected an 'input' line (such as 'input 50x50x3') before the first layer, found 'conv'" },
        { "", "t.cnn:1:1:", "the spec is empty" },
        { "# only a comment\n\n   \n", "t.cnn:1:1:", "the spec is empty" },
        { "input 8x8x3\n", "t.cnn:1:1:", "the spec has inputs but no layers" },
        { "input 28x28\nfc 2", "t.cnn:1:7:", "an image input needs its channels: expected H x W x C such as 28x28x1" },
        { "input 28x28xC\nfc 2", "t.cnn:1:7:", "expected an input size like 50x50x3 (H x W x C) or 784, found '28x28xC'" },
        { "input 0x8x3\nfc 2", "t.cnn:1:7:", "expected an input size like 50x50x3" },
        { "input 100000x100000x1000\nfc 2", "t.cnn:1:7:", "at most 2^40 elements per sample" },
        { "input\nfc 2", "t.cnn:1:6:", "'input' needs a size such as 50x50x3" },
        { "input 8 9\nfc 2", "t.cnn:1:9:", "'input' takes one size (such as 50x50x3), found an extra '9'" },
        { "input 8 layuot=chw\nfc 2", "t.cnn:1:9:", "unknown option 'layuot' for 'input'; did you mean 'layout'?" },
        { "input 8 layout=whc\nfc 2", "t.cnn:1:16:", "expected layout=hwc or layout=chw, found 'whc'" },
        { "input 8 dtype=flaot32\nfc 2", "t.cnn:1:15:", "expected a dtype such as float32, float16 or int64, found 'flaot32'; did you mean 'float32'?" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void BadSpec_FailsWithLocationAndReason(string text, string location, string phrase)
    {
        var e = Assert.Throws<CnnMemException>(() => SpecParser.Parse(text, "t.cnn", TestRegistry.Instance));
        Assert.StartsWith(location + " ", e.Message);
        Assert.Contains(phrase, e.Message);
    }

    [Fact]
    public void UnknownKeyword_SuggestsFromTheDefaultRegistry()
    {
        var e = Assert.Throws<CnnMemException>(() => SpecParser.Parse("input 8x8x3\ncovn 4 3x3", "seed.cnn"));
        Assert.StartsWith("seed.cnn:2:1: ", e.Message);
        Assert.Contains("did you mean 'conv'?", e.Message);
    }

    [Theory]
    [InlineData("input 2x2x3\nconv 8 3x3", "x.cnn:2:1: layer 'C1' (Conv)", "larger than the input")]
    [InlineData("input 8x8x3\nconv 8 3x3\n  conv 8 3x3 dilation=4", "x.cnn:3:3: layer 'C2' (Conv)", "larger than the input")]
    [InlineData("input 8x8x3\nconv 8 3x3 groups=2", "x.cnn:2:1: layer 'C1' (Conv)", "not divisible by groups")]
    public void ShapeError_FoundByInference_CarriesSpecLocation(string text, string location, string phrase)
    {
        var g = SpecParser.Parse(text, "x.cnn");
        var e = Assert.Throws<CnnMemException>(() => Analyzer.Analyze(g, new AnalysisOptions()));
        Assert.StartsWith(location, e.Message);
        Assert.Contains(phrase, e.Message);
    }
}
