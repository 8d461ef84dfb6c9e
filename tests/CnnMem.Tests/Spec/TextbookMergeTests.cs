using CnnMem.Import.Spec;
using CnnMem.Onnx;
using CnnMem.Tests.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Spec;

/// <summary>
/// The textbook sum counts every layer's output once, merges (add, concat) included, as Keras's summary and the CS231n
/// accounting do; activation functions stay out. An add with a weight or constant operand is not a merge.
/// </summary>
public class TextbookMergeTests
{
    private static Reports.AnalysisReport Analyze(string text, long batch = 1) =>
        Analyzer.Analyze(SpecParser.Parse(text, "merge.cnn"), new AnalysisOptions { Batch = batch });

    [Fact]
    public void ResNetBlockExample_CountsBothAdds()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "resnet_block.cnn");
        var r = Analyzer.Analyze(SpecParser.ParseFile(path), new AnalysisOptions { Batch = 64 });
        // Without the adds: 37,954,176. Block 1 adds 64x32x32 and block 2 128x16x16 per sample: (65,536 + 32,768) x 64.
        Assert.Equal(37_954_176 + ((64 * 32 * 32) + (128 * 16 * 16)) * 64, r.Totals.ActivationElements);
        Assert.Equal(44_245_632, r.Totals.ActivationElements);
    }

    [Fact]
    public void Concat_CountsOnce_ActivationsStayOut()
    {
        // input 48 + conv 4x4x4 = 64 + conv 64 + concat 128; the relu is not counted.
        var r = Analyze("x: input 4x4x3\na: conv 4 3x3 pad=same\nrelu\nb: conv 4 3x3 pad=same from=x\nconcat a b");
        Assert.Equal(48 + 64 + 64 + 128, r.Totals.ActivationElementsPerSample);
    }

    [Fact]
    public void OnnxAddOfABias_IsNotAMerge()
    {
        // y = conv(x) + b (a bias broadcast over [batch,4,8,8]), then z = y + y (a merge of layer outputs).
        var g = new GraphProto { Name = "addbias" };
        g.Input.Add(ImportTestModels.Tensor("x", DataType.Float, "N", 3L, 8L, 8L));
        g.Initializer.Add(ImportTestModels.Weight("w", 4, 3, 3, 3));
        g.Initializer.Add(ImportTestModels.Weight("b", 4, 1, 1));
        g.Node.Add(ImportTestModels.Node("Conv", "conv", new[] { "x", "w" }, new[] { "c" }, ImportTestModels.Ints("kernel_shape", 3, 3), ImportTestModels.Ints("pads", 1, 1, 1, 1)));
        g.Node.Add(ImportTestModels.Node("Add", "bias", new[] { "c", "b" }, new[] { "y" }));
        g.Node.Add(ImportTestModels.Node("Add", "merge", new[] { "y", "c" }, new[] { "z" }));
        g.Output.Add(ImportTestModels.Tensor("z", DataType.Float, "N", 4L, 8L, 8L));
        var graph = OnnxImporter.FromModel(ImportTestModels.Model(g), "addbias.onnx", OnnxImportOptions.Default);
        var r = Analyzer.Analyze(graph, new AnalysisOptions { Batch = 2 });
        Assert.False(r.Layers.Single(l => l.Name == "bias").InTextbookSum);
        Assert.True(r.Layers.Single(l => l.Name == "merge").InTextbookSum);
        Assert.Equal((3 * 64) + (4 * 64) + (4 * 64), r.Totals.ActivationElementsPerSample);
    }
}
