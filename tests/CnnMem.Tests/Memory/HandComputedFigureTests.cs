using CnnMem.Import.Spec;
using CnnMem.Onnx;
using CnnMem.Tests.Onnx;
using DataType = global::Onnx.TensorProto.Types.DataType;
using CnnMem.Pipeline;
using CnnMem.Memory.Allocators;
using CnnMem.Memory.Models;

namespace CnnMem.Tests.Memory;

/// <summary>
/// Exact figures, derived by hand, for checkpointing, CUDA rounding and fused patterns (float32 bytes), so these
/// paths are checked by value and not only by direction. Mixed precision's exact figures are in <see cref="FrameworkModelTests"/>.
/// </summary>
public class HandComputedFigureTests
{
    private const long X = 3 * 64 * 4;   // input [3,8,8] per image
    private const long R = 8 * 64 * 4;   // an 8-channel 8x8 activation per image

    private static Inference.InferenceResult Chain(long batch) => Analyzer.Infer(
        SpecParser.Parse("input 8x8x3\nconv 8 3x3 pad=1\nrelu\nconv 8 3x3 pad=1\nrelu\nconv 4 3x3 pad=1", "chain.cnn"),
        new AnalysisOptions(),
        batch);

    [Fact]
    public void Checkpointing_SegmentsOfThree_DropTheFirstReluResult()
    {
        // C1 keeps x; relu1 keeps its result r1 (C2 reads it too); relu2 keeps r2 (C3 reads it too).
        // Segments of 3 over the 5 nodes: [C1 relu1 C2] [relu2 C3]. The first segment keeps only its input x;
        // r1 is recomputed in backward. The last segment keeps what it saves: r2.
        const long batch = 4;
        var inference = Chain(batch);
        var plain = TrainingModel.Compute(inference, MemoryOptions.PyTorch113Cpu);
        var ckpt = TrainingModel.Compute(inference, MemoryOptions.PyTorch113Cpu with { CheckpointEvery = 3 });
        Assert.Equal(batch * (X + R + R), plain.SavedForBackwardBytes);
        Assert.Equal(batch * (X + R), ckpt.SavedForBackwardBytes);
        Assert.Equal(batch * R, plain.AfterForwardBytes - ckpt.AfterForwardBytes);
        Assert.Equal(3, ckpt.CheckpointEvery);
    }

    [Theory]
    [InlineData(1L, 512L)]
    [InlineData(512L, 512L)]
    [InlineData(513L, 1024L)]
    [InlineData((10L << 20) - 1, 10L << 20)]
    [InlineData(10L << 20, 10L << 20)]
    [InlineData((10L << 20) + 1, 12L << 20)]
    public void CudaRounding_Blocks512_LargeRequestsWhole2MiB(long request, long occupies) =>
        Assert.Equal(occupies, DeviceModel.Round(request));

    [Theory]
    [InlineData(1L, 512L, 2L << 20)]
    [InlineData(1L << 20, 1L << 20, 2L << 20)]   // exactly 1 MiB is small (PyTorch: size <= kSmallSize), as the replay has it
    [InlineData(11L << 20, 11L << 20, 12L << 20)]
    public void CudaSegments_SmallLargeAndOwn(long request, long block, long segment)
    {
        Assert.Equal(block, CachingAllocator.Block(request));
        Assert.Equal(segment, CachingAllocator.Segment(request));
    }

    [Fact]
    public void SiLU_Decomposed_KeepsOnlyItsInput()
    {
        // x -> Conv(8) -> c; Sigmoid(c) -> s; Mul(c, s) -> y; y -> Conv(4) -> z.
        // PyTorch's fused SiLU keeps its input c: saved = x (conv 1) + c (SiLU) + y (conv 2), not also s.
        var g = new global::Onnx.GraphProto { Name = "silu" };
        g.Input.Add(ImportTestModels.Tensor("x", DataType.Float, "N", 3L, 8L, 8L));
        g.Initializer.Add(ImportTestModels.Weight("w1", 8, 3, 3, 3));
        g.Initializer.Add(ImportTestModels.Weight("w2", 4, 8, 3, 3));
        g.Node.Add(ImportTestModels.Node("Conv", "conv1", new[] { "x", "w1" }, new[] { "c" }, ImportTestModels.Ints("kernel_shape", 3, 3), ImportTestModels.Ints("pads", 1, 1, 1, 1)));
        g.Node.Add(ImportTestModels.Node("Sigmoid", "sig", new[] { "c" }, new[] { "s" }));
        g.Node.Add(ImportTestModels.Node("Mul", "mul", new[] { "c", "s" }, new[] { "y" }));
        g.Node.Add(ImportTestModels.Node("Conv", "conv2", new[] { "y", "w2" }, new[] { "z" }, ImportTestModels.Ints("kernel_shape", 3, 3), ImportTestModels.Ints("pads", 1, 1, 1, 1)));
        g.Output.Add(ImportTestModels.Tensor("z", DataType.Float, "N", 4L, 8L, 8L));
        var graph = OnnxImporter.FromModel(ImportTestModels.Model(g), "silu.onnx", OnnxImportOptions.Default);
        const long batch = 2;
        var t = TrainingModel.Compute(Analyzer.Infer(graph, new AnalysisOptions(), batch), MemoryOptions.PyTorch113Cpu);
        Assert.Equal(batch * (X + R + R), t.SavedForBackwardBytes);
    }
}
