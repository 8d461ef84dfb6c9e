using CnnMem.Onnx;
using CnnMem.Pipeline;
using CnnMem.Memory.Models;

namespace CnnMem.Tests.Memory;

public class BatchScalingTests
{
    private static long Saved(string model, long batch)
    {
        var graph = OnnxImporter.Import(Path.Combine(OracleComparison.OracleDir, "models", model + ".train.onnx"));
        return TrainingModel.Compute(Analyzer.Infer(graph, new AnalysisOptions(), batch), MemoryOptions.PyTorch113Cpu).SavedForBackwardBytes;
    }

    [Theory]
    [InlineData("seed_cnn")]
    [InlineData("resnet18")]
    [InlineData("vit_b_16")]
    public void SavedBytes_Batch_AffineWithBatchFreePart(string model)
    {
        var (s1, s2, s5) = (Saved(model, 1), Saved(model, 2), Saved(model, 5));
        var perImage = s2 - s1;
        Assert.True(perImage > 0);
        Assert.Equal(s1 + (4 * perImage), s5);
    }

    [Fact]
    public void SavedBytes_Resnet18_BatchFreePartIsPerChannelStatistics()
    {
        // only BatchNorm's running mean/var and save_mean/save_invstd do not scale: 4 floats per channel
        var graph = OnnxImporter.Import(Path.Combine(OracleComparison.OracleDir, "models", "resnet18.train.onnx"));
        var bnChannels = Analyzer.Infer(graph, new AnalysisOptions(), 1).Nodes
            .Where(n => n.Node.Op == "BatchNormalization").Sum(n => n.Outputs[0].Shape[1].Value!.Value);
        var (s1, s2) = (Saved("resnet18", 1), Saved("resnet18", 2));
        Assert.Equal(4 * 4 * bnChannels, s1 - (s2 - s1));
    }
}
