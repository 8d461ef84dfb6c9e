using CnnMem.Graphs;
using CnnMem.Rendering;
using CnnMem.Pipeline;
using CnnMem.Memory.Profiles;

namespace CnnMem.Tests.Rendering;

/// <summary>The summary's figures are the memory report's own (the device view on CUDA), and the helpers that shorten tables.</summary>
public class HeadlineTests
{
    [Fact]
    public void Summary_OnCpu_IsStaticPlusPeak_OnCuda_TheDeviceTotals()
    {
        var graph = TestModels.Seed();
        var cpu = Analyzer.Analyze(graph, new AnalysisOptions { Batch = 64, Memory = MemoryOptions.PyTorch113Cpu });
        Assert.Equal(cpu.Memory.Inference!.TotalBytes, cpu.Summary!.InferenceBytes);
        Assert.Equal(cpu.Memory.Training!.SteadyPeakTotalBytes, cpu.Summary.TrainingStepBytes);
        Assert.Equal(cpu.Totals.Macs, cpu.Summary.Macs);

        var cuda = Analyzer.Analyze(graph, new AnalysisOptions { Batch = 64, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda } });
        Assert.Equal(cuda.Memory.Device!.InferenceTotalBytes, cuda.Summary!.InferenceBytes);
        Assert.Equal(cuda.Memory.Device.TrainingTotalBytes, cuda.Summary.TrainingStepBytes);
        Assert.Equal(FitModel.TrainingBytes(graph, new AnalysisOptions { Optimizer = CnnMem.Optimizer.Sgd, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda } }, 64), cuda.Summary.TrainingStepBytes);
    }

    [Fact]
    public void Summary_WithDevice_FitsAgreeWithTheLargestBatch()
    {
        var s = Analyzer.Analyze(TestModels.Seed(), new AnalysisOptions { Batch = 64, Device = "t4", Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda } }).Summary!;
        Assert.Equal("t4", s.Device);
        Assert.Equal(DeviceTable.Bytes("t4"), s.DeviceBytes);
        Assert.Equal(64 <= s.MaxInferenceBatch, s.FitsInference);
        Assert.Equal(64 <= s.MaxTrainingBatch, s.FitsTraining);
        Assert.True(s.MaxTrainingBatch > 0 && s.MaxInferenceBatch >= s.MaxTrainingBatch);
    }

    [Theory]
    [InlineData("/layer1/layer1.0/downsample/downsample.1/BatchNormalization", "BatchNormalization", "layer1.0.downsample.1")]
    [InlineData("/layer1/layer1.0/relu_2/Relu", "Relu", "layer1.0.relu_2")]
    [InlineData("/conv1/Conv", "Conv", "conv1")]
    [InlineData("/layer1/layer1.0/Add", "Add", "layer1.0")]
    [InlineData("/Flatten", "Flatten", "Flatten")]
    [InlineData("/features/features.0/Conv_3", "Conv", "features.0")]
    [InlineData("C1", "Conv", "C1")]
    [InlineData("/conv1/Conv", "", "conv1")]
    public void ModulePath_FromExportNames(string name, string op, string expected) => Assert.Equal(expected, ModulePath.Of(name, op));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(9_999, "9,999")]
    [InlineData(36_864, "36.86 k")]
    [InlineData(25_557_032, "25.56 M")]
    [InlineData(4_089_184_256, "4.09 G")]
    [InlineData(999_999_999, "1 G")]
    public void Human_Counts(long n, string expected) => Assert.Equal(expected, ByteFormat.Human(n));

    [Fact]
    public void Warnings_OfOneKind_AreGrouped()
    {
        var lines = WarningGroups.Lines([
            "/conv1/Conv: strided convolution does not divide its input evenly: (224 - 7) / 2 is not whole",
            "/maxpool/MaxPool: max pooling does not divide its input evenly: (112 - 3) / 2 is not whole",
            "/layer2/layer2.0/conv2/Conv: strided convolution does not divide its input evenly: (56 - 3) / 2 is not whole",
        ]);
        Assert.Equal(2, lines.Length);
        Assert.Equal("2 layers: strided convolution does not divide its input evenly: conv1, layer2.0.conv2; the first: (224 - 7) / 2 is not whole", lines[0]);
        Assert.StartsWith("maxpool: max pooling", lines[1]);
    }
}
