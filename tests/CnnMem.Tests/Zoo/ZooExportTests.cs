namespace CnnMem.Tests.Zoo;

/// <summary>
/// Zoo networks beyond the oracle against their own training-mode exports (TestData/zoo, written by
/// tools/zoo_export.py with torch 1.13 and torchvision 0.14, weightless): the whole report is equal at batch 8, or,
/// where the export computes reshape targets at run time (channel shuffle, attention), equal apart from that.
/// </summary>
public class ZooExportTests
{
    private static string Export(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "zoo", name + ".train.onnx");

    [Theory]
    [InlineData("mobilenet_v3_small")]
    [InlineData("mobilenet_v3_large")]
    [InlineData("mnasnet0_5")]
    [InlineData("mnasnet1_3")]
    [InlineData("squeezenet1_1")]
    [InlineData("regnet_x_400mf")]
    [InlineData("regnet_y_400mf")]
    [InlineData("resnext50_32x4d")]
    [InlineData("resnet34")]
    [InlineData("vgg11_bn")]
    public void WholeAnalysis_EqualsOnnxExport(string name)
    {
        var (zoo, onnx) = ZooReportComparison.Load(name, Export(name));
        Assert.Equal(ZooReportComparison.WholeReport(onnx, 8), ZooReportComparison.WholeReport(zoo, 8));
    }

    [Theory]
    [InlineData("shufflenet_v2_x0_5")]
    [InlineData("vit_b_32")]
    public void Analysis_EqualsOnnxExport_ApartFromShapeArithmetic(string name)
    {
        var (zoo, onnx) = ZooReportComparison.Load(name, Export(name));
        ZooReportComparison.AssertEqualApartFromShapeArithmetic(onnx, zoo, 8);
    }
}
