using CnnMem.Import.Spec;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Spec;

/// <summary>The shipped example networks: present, identical to examples/*.cnn, and with their published parameter counts.</summary>
public class BuiltInModelsTests
{
    [Fact]
    public void Names_ListEveryExample()
    {
        Assert.Subset(new HashSet<string>(BuiltInModels.Names), new HashSet<string> { "seed", "seed_ceil", "lenet5", "vgg16", "resnet_block", "mnist_mlp" });
        Assert.Equal(BuiltInModels.Names.OrderBy(n => n, StringComparer.Ordinal), BuiltInModels.Names);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("SEED")]
    [InlineData("seed.cnn")]
    public void TryGet_IgnoresCaseAndExtension(string name)
    {
        Assert.True(BuiltInModels.TryGet(name, out var g));
        Assert.Equal("seed", g!.Name);
        Assert.Equal("built-in", g.Source);
    }

    [Fact]
    public void TryGet_UnknownName_ReturnsFalse()
    {
        Assert.False(BuiltInModels.TryGet("resnet9000", out var g));
        Assert.Null(g);
    }

    [Fact]
    public void Embedded_TextEqualsExampleFile()
    {
        var examples = FindExamplesFolder();
        foreach (var name in BuiltInModels.Names)
        {
            Assert.True(BuiltInModels.TryGetText(name, out var text, out _));
            Assert.Equal(File.ReadAllText(Path.Combine(examples, name + ".cnn")), text);
        }
        Assert.Equal(Directory.GetFiles(examples, "*.cnn").Length, BuiltInModels.Names.Count);
    }

    // Parameter counts as published (torchvision for VGG-16; LeNet-5 as usually rebuilt) or worked by hand in the comment.
    [Theory]
    [InlineData("seed", 4_632_902L)]
    [InlineData("lenet5", 61_706L)]
    [InlineData("vgg16", 138_357_544L)]
    [InlineData("mnist_mlp", 203_530L)] // 784*256+256 + 256*10+10
    // stem 3*64*9 + bn 128; block 1: 2 x (64*64*9 + 128); block 2: 64*128*9 + 256 + 128*128*9 + 256 + 64*128 + 256; fc 128*10+10
    [InlineData("resnet_block", 307_274L)]
    public void BuiltIn_Params_MatchPublished(string name, long prms)
    {
        Assert.True(BuiltInModels.TryGet(name, out var g));
        var r = Analyzer.Analyze(g!, new AnalysisOptions { Batch = 1 });
        Assert.Equal(prms, r.Totals.Params);
    }

    [Theory]
    [InlineData("lenet5", new long[] { 1, 10 })]
    [InlineData("vgg16", new long[] { 1, 1000 })]
    [InlineData("resnet_block", new long[] { 1, 10 })]
    public void BuiltIn_Output_HasClassCount(string name, long[] shape)
    {
        Assert.True(BuiltInModels.TryGet(name, out var g));
        var r = Analyzer.Analyze(g!, new AnalysisOptions { Batch = 1 });
        Assert.Equal(Shape.Of(shape), r.Outputs.Single().Shape);
    }

    private static string FindExamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples");
            if (File.Exists(Path.Combine(candidate, "seed.cnn")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("examples/ not found above " + AppContext.BaseDirectory);
    }
}
