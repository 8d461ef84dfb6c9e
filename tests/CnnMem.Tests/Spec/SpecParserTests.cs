using CnnMem.Graphs;
using CnnMem.Import.Spec;
using CnnMem.Tests.Spec.TestRules;

namespace CnnMem.Tests.Spec;

/// <summary>The graph the parser builds: names, wiring, inputs, attributes, flags and source positions.</summary>
public class SpecParserTests
{
    private const string Seed = """
        # the network from the classic answer
        input 50x50x3
        conv 32 3x3 pad=same
        maxpool 2x2
        conv 64 3x3 pad=same
        maxpool 2x2
        fc 500
        fc 10
        """;

    private static ModelGraph Parse(string text, string file = "t.cnn") => SpecParser.Parse(text, file, TestRegistry.Instance);

    private static Node Layer(ModelGraph g, string name) => g.Nodes.Single(n => n.Name == name);

    [Fact]
    public void Seed_UnnamedLayers_AreNamedLikeTheAnswerAndChained()
    {
        var g = Parse(Seed, "seed.cnn");
        Assert.Equal(new[] { "C1", "P1", "C2", "P2", "FC1", "FC2" }, g.Nodes.Select(n => n.Name));
        Assert.Equal(new[] { "input", "C1", "P1", "C2", "P2", "FC1" }, g.Nodes.Select(n => n.Inputs.Single()));
        Assert.All(g.Nodes, n => Assert.Equal(n.Name, n.Outputs.Single()));
        Assert.Equal(new[] { "FC2" }, g.Outputs);
        Assert.Equal("seed", g.Name);
        Assert.Equal("seed.cnn", g.Source);
    }

    [Fact]
    public void Input_Hwc_IsStoredChannelsFirstWithBatchSymbol()
    {
        var g = Parse(Seed);
        var input = Assert.Single(g.Inputs);
        Assert.Equal(Shape.Of(Dim.Sym("N"), 3, 50, 50), input.Shape);
        Assert.Equal(DType.Float32, input.DType);
        Assert.Equal("N", g.BatchSymbol);
        Assert.Equal(DisplayLayout.ChannelsLast, g.Layout);
    }

    [Theory]
    [InlineData("input 3x50x40 layout=chw", "Nx3x50x40", DisplayLayout.ChannelsFirst)]
    [InlineData("input 50x40x3 layout=hwc", "Nx3x50x40", DisplayLayout.ChannelsLast)]
    [InlineData("input 50x40x3", "Nx3x50x40", DisplayLayout.ChannelsLast)]
    [InlineData("input 784", "Nx784", DisplayLayout.ChannelsLast)]
    [InlineData("input 8x16x16x4", "Nx4x8x16x16", DisplayLayout.ChannelsLast)]
    [InlineData("input 4x8x16x16 LAYOUT=CHW", "Nx4x8x16x16", DisplayLayout.ChannelsFirst)]
    public void Input_Layouts_GiveChannelsFirstShape(string line, string expected, DisplayLayout layout)
    {
        var g = Parse(line + "\nfc 10");
        Assert.Equal(expected, g.Inputs[0].Shape.ToString());
        Assert.Equal(layout, g.Layout);
    }

    [Fact]
    public void Input_NamedWithDType_KeepsBoth()
    {
        var g = Parse("img: input 32x32x3 dtype=float16\nfc 10");
        Assert.Equal("img", g.Inputs[0].Name);
        Assert.Equal(DType.Float16, g.Inputs[0].DType);
        Assert.Equal("img", g.Nodes[0].Inputs[0]);
    }

    [Fact]
    public void MultipleInputs_LayerAfterEachInputReadsIt()
    {
        var g = Parse("input 784\na: fc 10\ninput 16\nb: fc 10\nconcat a b axis=1");
        Assert.Equal(new[] { "input", "input2" }, g.Inputs.Select(i => i.Name));
        Assert.Equal("input", Layer(g, "a").Inputs.Single());
        Assert.Equal("input2", Layer(g, "b").Inputs.Single());
        Assert.Equal(new[] { "a", "b" }, Layer(g, "concat1").Inputs);
        Assert.Equal(1, Layer(g, "concat1").Attributes.Int("axis", 0));
        Assert.Equal("TestConcat", Layer(g, "concat1").Op);
        Assert.Equal(new[] { "concat1" }, g.Outputs);
    }

    [Theory]
    [InlineData("pad=same", "auto_pad", "SAME_UPPER")]
    [InlineData("pad=VALID", "auto_pad", "VALID")]
    [InlineData("pad=1", "pads", "[1,1,1,1]")]
    [InlineData("pad=1,2", "pads", "[1,2,1,2]")]
    [InlineData("pad=0,1,2,3", "pads", "[0,1,2,3]")]
    [InlineData("stride=2", "strides", "[2,2]")]
    [InlineData("stride=2x1", "strides", "[2,1]")]
    [InlineData("dilation=3", "dilations", "[3,3]")]
    [InlineData("groups=4", "group", "4")]
    [InlineData("bias=false", "bias", "0")]
    [InlineData("bias=true", "bias", "1")]
    public void Conv_Options_BecomeOnnxAttributes(string option, string attribute, string expected)
    {
        var conv = Parse($"input 8x8x4\nconv 8 3x3 {option}").Nodes[0];
        Assert.Equal("Conv", conv.Op);
        Assert.Equal(8, conv.Attributes.Int("filters", 0));
        Assert.Equal(new long[] { 3, 3 }, conv.Attributes.Ints("kernel_shape")!.Value);
        Assert.Equal(expected, conv.Attributes.Values[attribute].ToString());
    }

    [Theory]
    [InlineData("maxpool 2x2", "[2,2]")]
    [InlineData("maxpool 3", "[3,3]")]
    [InlineData("maxpool 3x3 stride=2", "[2,2]")]
    public void Pool_StrideDefaultsToKernel(string line, string strides)
    {
        var pool = Parse($"input 8x8x4\n{line}").Nodes[0];
        Assert.Equal(strides, pool.Attributes.Values["strides"].ToString());
        Assert.Equal("TestMaxPool", pool.Op);
        Assert.Equal("test", pool.Domain);
    }

    [Fact]
    public void Keyword_FixedAttributesAndOpOverride_AreApplied()
    {
        var n = Parse("input 8\nrelu6").Nodes[0];
        Assert.Equal("TestClip", n.Op);
        Assert.Equal(6.0, n.Attributes.Float("max", 0));
        Assert.Equal("relu61", n.Name);
    }

    [Fact]
    public void OptionalPositional_FloatIsReadWhenGiven()
    {
        var g = Parse("input 8\nfc 10 0.25 mode=fast\nfc 3");
        Assert.Equal(0.25, g.Nodes[0].Attributes.Float("scale", 0));
        Assert.Equal("fast", g.Nodes[0].Attributes.Str("mode", ""));
        Assert.False(g.Nodes[1].Attributes.Has("scale"));
    }

    [Fact]
    public void ResidualBlock_FromAndAdd_WireBranches()
    {
        var g = Parse("""
            input 8x8x16
            x: relu
            conv 16 3x3 pad=1
            main: relu
            conv 16 1x1 from=x
            add main C2
            """);
        Assert.Equal("x", Layer(g, "C1").Inputs.Single());
        Assert.Equal("x", Layer(g, "C2").Inputs.Single());
        Assert.Equal(new[] { "main", "C2" }, Layer(g, "add1").Inputs);
        Assert.Equal(new[] { "add1" }, g.Outputs);
    }

    [Fact]
    public void Flags_TrainableAndInPlace_SetOnNode()
    {
        var g = Parse("input 8x8x3\nconv 4 3x3 trainable=false\nrelu inplace=true\nfc 2");
        Assert.False(Layer(g, "C1").Trainable);
        Assert.True(Layer(g, "relu1").InPlace);
        Assert.True(Layer(g, "FC1").Trainable);
        Assert.False(Layer(g, "FC1").InPlace);
    }

    [Fact]
    public void Source_PointsAtKeywordLineAndColumn()
    {
        var g = Parse("# header\n\ninput 8x8x3\n   conv 4 3x3\nnamed:  relu\nx:fc 2", "net.cnn");
        Assert.Equal(new SourceRef("net.cnn", 4, 4), Layer(g, "C1").Source);
        Assert.Equal(new SourceRef("net.cnn", 5, 9), Layer(g, "named").Source);
        Assert.Equal(new SourceRef("net.cnn", 6, 3), Layer(g, "x").Source);
    }

    [Fact]
    public void NamedLayer_CountsTowardsAutomaticNumbers()
    {
        var g = Parse("input 8x8x3\nstem: conv 4 3x3\nconv 4 3x3\nC4: conv 4 1x1\nconv 4 1x1");
        Assert.Equal(new[] { "stem", "C2", "C4", "C5" }, g.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void AutomaticName_SkipsNamesTheUserTook()
    {
        var g = Parse("input 8x8x3\nC2: relu\nconv 4 3x3\nconv 4 3x3");
        Assert.Equal(new[] { "C2", "C1", "C3" }, g.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Layout_CommentsTabsCrLfAndCase_AreTolerated()
    {
        var g = Parse("INPUT 8x8x3   # image\r\n\tCONV 4 3X3 Stride=2 PAD=Same # c\r\n\r\n  # only a comment\r\nDense 2\r\n");
        Assert.Equal(new[] { "C1", "FC1" }, g.Nodes.Select(n => n.Name));
        Assert.Equal("[2,2]", g.Nodes[0].Attributes.Values["strides"].ToString());
    }

    [Theory]
    [InlineData("fc")]
    [InlineData("dense")]
    [InlineData("linear")]
    public void Aliases_MapToTheSameOp(string keyword)
    {
        var n = Parse($"input 8\n{keyword} 4").Nodes[0];
        Assert.Equal("TestDense", n.Op);
        Assert.Equal("FC1", n.Name);
    }

    [Fact]
    public void ParseFile_UsesFileNameWithoutExtensionAsModelName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-{Guid.NewGuid():N}-mynet.cnn");
        File.WriteAllText(path, "input 8x8x3\nconv 4 3x3");
        try
        {
            var g = SpecParser.ParseFile(path);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), g.Name);
            Assert.Equal(path, g.Nodes[0].Source!.File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ParseFile_MissingFile_IsUserError()
    {
        var e = Assert.Throws<CnnMemException>(() => SpecParser.ParseFile("/nonexistent/dir/x.cnn"));
        Assert.Contains("cannot read", e.Message);
    }
}
