using CnnMem.Memory.Models;

namespace CnnMem.Tests.Memory;

/// <summary>The conv-relu-conv graph of <see cref="TestGraphs"/>, with every figure derived by hand (float32, bytes).</summary>
public class FrameworkModelTests
{
    private const long X = 3 * 64 * 4;          // input per image
    private const long A1 = 8 * 64 * 4;         // c1 output per image (r1 runs in place on it)
    private const long Y = 4 * 64 * 4;          // c2 output per image (the logits)
    private const long C1Params = ((8 * 3 * 9) + 8) * 4;
    private const long C2Params = ((4 * 8 * 9) + 4) * 4;
    private const long Finput1 = 27 * 64 * 4;   // im2col of c1 per image (native conv at batch 1)
    private const long Finput2 = 72 * 64 * 4;

    [Fact]
    public void Inference_Batch1_PeakAtSecondConvWithIm2Col()
    {
        var m = InferenceModel.Compute(TestGraphs.ConvReluConv(1), MemoryOptions.PyTorch113Cpu);
        Assert.Equal(A1 + Y + Finput2, m.ActivationPeakBytes);
        Assert.Equal("c2", m.PeakAtLayer);
        Assert.Equal(Finput2, m.WorkspaceAtPeakBytes);
        Assert.All(m.Arenas, a => Assert.True(a.Bytes >= m.ActivationPeakBytes));
    }

    [Fact]
    public void Inference_Batch2_OneDnnCopiesTheOutput()
    {
        // batch > 1 picks oneDNN: a blocked output (channels padded to 16) and a weight copy instead of im2col
        var m = InferenceModel.Compute(TestGraphs.ConvReluConv(2), MemoryOptions.PyTorch113Cpu);
        const long blocked = 2 * 16 * 64 * 4;
        const long c2Weight = 4 * 8 * 9 * 4;
        Assert.Equal((2 * A1) + (2 * Y) + blocked + c2Weight, m.ActivationPeakBytes);
        Assert.Equal("c2", m.PeakAtLayer);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(5L)]
    public void Training_SavedBytes_LinearInBatch(long batch)
    {
        var t = TrainingModel.Compute(TestGraphs.ConvReluConv(batch), MemoryOptions.PyTorch113Cpu);
        // c1 keeps x; r1 keeps its in-place result, which c2 keeps too (counted once)
        Assert.Equal(batch * (X + A1), t.SavedForBackwardBytes);
    }

    [Fact]
    public void Training_Batch1_ForwardBackwardAndSteady()
    {
        var t = TrainingModel.Compute(TestGraphs.ConvReluConv(1), MemoryOptions.PyTorch113Cpu with { Optimizer = Optimizer.Adam });
        const long rows = 4 * 8, classes = 8;
        const long logSoftmax = rows * classes * 4;
        Assert.Equal(A1 + Y + Finput2, t.ForwardPeakBytes);
        Assert.Equal(A1 + Y + logSoftmax + 4 + 4, t.AfterForwardBytes);
        Assert.Equal(C1Params + C2Params, t.GradientBytes);
        Assert.Equal((2 * (C1Params + C2Params)) + (4 * 4), t.OptimizerStateBytes);
        // c2's backward: the loss has freed log-softmax and total_weight, and added the logits' gradient;
        // c2 allocates the gradient of h1 and its parameter gradients, plus im2col
        var beforeC2 = t.AfterForwardBytes - logSoftmax - 4 + (rows * classes * 4);
        Assert.Equal(beforeC2 + A1 + C2Params + Finput2, t.BackwardPeakBytes);
        Assert.Equal("c2", t.BackwardPeakAt);
        Assert.Equal(2 * 8 * 9 * 4 * 4L, t.OptimizerStepTemporaryBytes); // c2's weight is the largest tensor
        Assert.Equal(t.GradientBytes + t.OptimizerStateBytes + Math.Max(t.ForwardPeakBytes, Math.Max(t.SteadyBackwardPeakBytes, t.OptimizerStepTemporaryBytes)), t.SteadyPeakBytes);
        Assert.Equal((1 * 8) + t.PersistentBytes - t.GradientBytes - t.OptimizerStateBytes + X, t.StaticBytes - (rows * 8) + 8);
    }

    [Fact]
    public void Training_SecondReader_ReluNotInPlace()
    {
        var t = TrainingModel.Compute(TestGraphs.ConvReluConv(1, extraReaderOfC1: true), MemoryOptions.PyTorch113Cpu);
        // c1's output (kept by c3) and r1's own result (kept by r1 and c2) are now separate
        Assert.Equal(X + A1 + A1, t.SavedForBackwardBytes);
    }

    [Fact]
    public void Training_Layers_RunningTotalAddsUp()
    {
        var t = TrainingModel.Compute(TestGraphs.ConvReluConv(1), MemoryOptions.PyTorch113Cpu with { Optimizer = Optimizer.Momentum });
        var sum = t.Layers.Sum(l => l.KeptForBackwardBytes + l.ActivationGradientBytes + l.ParamAndGradBytes + l.OptimizerStateBytes);
        Assert.Equal(sum, t.Layers[^1].RunningTotalBytes);
        Assert.Equal(t.SavedForBackwardBytes, t.Layers.Sum(l => l.KeptForBackwardBytes));
    }

    [Fact]
    public void Cuda_DeviceView_RoundsAndAddsContext()
    {
        var options = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda, CudaContextBytes = 1000 };
        var inference = TestGraphs.ConvReluConv(1);
        var inf = InferenceModel.Compute(inference, options);
        var train = TrainingModel.Compute(inference, options);
        var d = DeviceModel.Compute(options, CnnMem.Memory.Cuda.CudaReplay.Inference(inference, options), CnnMem.Memory.Cuda.CudaReplay.Training(inference, options), inf, train);
        Assert.Equal(1000, d.ContextBytes);
        Assert.True(d.InferenceRoundingBytes >= 0);
        Assert.Equal(0, d.InferencePeakRoundedBytes % 512);
        Assert.Equal(d.ContextBytes + d.TrainingReservedPeakBytes, d.TrainingTotalBytes);
        Assert.True(d.TrainingReservedPeakBytes >= d.StaticBytes + d.TrainingSteadyPeakRoundedBytes);
    }

    [Fact]
    public void Checkpointing_EveryLayer_KeepsNoMoreThanWithout()
    {
        var inference = TestGraphs.ConvReluConv(4);
        var plain = TrainingModel.Compute(inference, MemoryOptions.PyTorch113Cpu);
        var ckpt = TrainingModel.Compute(inference, MemoryOptions.PyTorch113Cpu with { CheckpointEvery = 1 });
        Assert.True(ckpt.AfterForwardBytes <= plain.AfterForwardBytes);
        Assert.Equal(1, ckpt.CheckpointEvery);
        Assert.Equal(plain.SteadyPeakBytes - ckpt.SteadyPeakBytes, ckpt.CheckpointSavingsBytes);
    }

    [Fact]
    public void MixedPrecision_HalvesKeptActivations_AddsCastWeights()
    {
        var inference = TestGraphs.ConvReluConv(4);
        var fp32 = TrainingModel.Compute(inference, MemoryOptions.PyTorch113Cpu);
        var amp = TrainingModel.Compute(inference, MemoryOptions.PyTorch113Cpu with { MixedPrecision = true });
        // the input stays float32; c1's output (kept by r1 and c2) is half
        Assert.Equal(4 * (X + (A1 / 2)), amp.SavedForBackwardBytes);
        Assert.Equal(fp32.GradientBytes, amp.GradientBytes); // fp32 master gradients
        var castWeights = 2 * ((8 * 3 * 9) + 8 + (4 * 8 * 9) + 4);
        Assert.Equal(4 * ((A1 / 2) + (Y / 2)) + (4 * 4 * 8 * 8 * 4) + 8 + castWeights, amp.AfterForwardBytes);
    }
}
