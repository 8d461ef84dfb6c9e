using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Zoo;

/// <summary>
/// The zoo inherits the oracle's accuracy: for each network in TestData/oracle, the built-in's whole report
/// (layers, shapes, MACs, totals, textbook, inference and training memory models) equals that of the ONNX
/// training-mode export the oracle comparison uses (<c>models/M.train.onnx</c>), at batch 1 and 8. Only the model
/// name and source may differ.
/// </summary>
public class ZooOracleTests
{
    private static string Export(string name) => Path.Combine(OracleComparison.OracleDir, "models", name + ".train.onnx");

    [Theory]
    [InlineData("resnet18", 1)]
    [InlineData("resnet18", 8)]
    [InlineData("resnet50", 1)]
    [InlineData("resnet50", 8)]
    [InlineData("vgg16", 1)]
    [InlineData("vgg16", 8)]
    [InlineData("alexnet", 1)]
    [InlineData("alexnet", 8)]
    [InlineData("mobilenet_v2", 1)]
    [InlineData("mobilenet_v2", 8)]
    [InlineData("densenet121", 1)]
    [InlineData("densenet121", 8)]
    [InlineData("squeezenet1_0", 1)]
    [InlineData("squeezenet1_0", 8)]
    public void BuiltIn_WholeAnalysis_EqualsOnnxExport(string name, long batch)
    {
        var (zoo, onnx) = ZooReportComparison.Load(name, Export(name));
        Assert.Equal(ZooReportComparison.WholeReport(onnx, batch), ZooReportComparison.WholeReport(zoo, batch));
    }

    /// <summary>
    /// ViT-B/16's export also computes reshape targets from the input's shape at run time (Shape, Gather, Unsqueeze,
    /// Concat, Cast on int64 scalars: about 460 small rows); the zoo writes those targets as constants. Everything
    /// else is equal.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void VitB16_EqualsOnnxExport_ApartFromShapeArithmetic(long batch)
    {
        var (zoo, onnx) = ZooReportComparison.Load("vit_b_16", Export("vit_b_16"));
        ZooReportComparison.AssertEqualApartFromShapeArithmetic(onnx, zoo, batch);
    }
}
