using CnnMem.Memory.Allocators;
using CnnMem.Memory.Models;

namespace CnnMem.Tests.Memory;

public class AllocatorAndOptimizerTests
{
    [Theory]
    [InlineData(1L, 512L, 2L << 20)]
    [InlineData(513L, 1024L, 2L << 20)]
    [InlineData((1L << 20) + 1, (1L << 20) + 512, 20L << 20)]
    [InlineData(12L << 20, 12L << 20, 12L << 20)]
    [InlineData((12L << 20) + 1, (12L << 20) + 512, 14L << 20)]
    public void CachingAllocator_Request_BlockAndSegment(long request, long block, long segment)
    {
        Assert.Equal(block, CachingAllocator.Block(request));
        Assert.Equal(segment, CachingAllocator.Segment(request));
    }

    // params of 1000 bytes in 3 tensors
    [Theory]
    [InlineData(Optimizer.Sgd, 0L)]
    [InlineData(Optimizer.Momentum, 1000L)]
    [InlineData(Optimizer.Adam, 2000L + 12)]
    [InlineData(Optimizer.AdamW, 2000L + 12)]
    [InlineData(Optimizer.RmsProp, 1000L)]
    [InlineData(Optimizer.Adagrad, 1000L + 12)]
    public void OptimizerState_Slots_AndStepTensors(Optimizer o, long expected)
    {
        Assert.Equal(expected, OptimizerModel.StateBytes(MemoryOptions.PyTorch113Cpu with { Optimizer = o }, 1000, 3));
    }

    [Fact]
    public void OptimizerState_Resnet50Adam_MatchesOracleReadme()
    {
        // README: 3 x 102,228,128 + 161 x 4 = 306,685,028 (grads + Adam state)
        Assert.Equal(306_685_028L, 102_228_128L + OptimizerModel.StateBytes(MemoryOptions.PyTorch113Cpu with { Optimizer = Optimizer.Adam }, 102_228_128L, 161));
    }

    [Theory]
    [InlineData(Optimizer.Sgd, 0)]
    [InlineData(Optimizer.Momentum, 0)]
    [InlineData(Optimizer.Adam, 2)]
    [InlineData(Optimizer.RmsProp, 1)]
    public void OptimizerStep_Temporaries_ScaleWithLargestTensor(Optimizer o, int copies)
    {
        Assert.Equal(copies * 777L, OptimizerModel.StepTemporaryBytes(MemoryOptions.PyTorch113Cpu with { Optimizer = o }, 777, 5000));
    }

    // largest parameter 777 bytes of 5,000: the for-loop path per parameter; the foreach path per list, as each version's
    // _multi_tensor_* makes them (1.13 Adam's sqrt and denom, Adagrad's std, product and quotient; 2.x Adagrad's std and numerator)
    [Theory]
    [InlineData(Framework.PyTorch113, false, Optimizer.Adam, 2 * 777L)]
    [InlineData(Framework.PyTorch2, false, Optimizer.Adagrad, 777L)]
    [InlineData(Framework.PyTorch113, true, Optimizer.Adam, 2 * 5000L)]
    [InlineData(Framework.PyTorch2, true, Optimizer.Adam, 5000L)]
    [InlineData(Framework.PyTorch113, true, Optimizer.RmsProp, 5000L)]
    [InlineData(Framework.PyTorch113, true, Optimizer.Adagrad, 3 * 5000L)]
    [InlineData(Framework.PyTorch2, true, Optimizer.Adagrad, 2 * 5000L)]
    public void OptimizerStep_Temporaries_FollowTheVersionsCode(Framework f, bool multiTensor, Optimizer o, long expected)
    {
        var options = new MemoryOptions { Framework = f, Backend = Backend.Cuda, Foreach = multiTensor, Optimizer = o };
        Assert.Equal(expected, OptimizerModel.StepTemporaryBytes(options, 777, 5000));
    }
}
