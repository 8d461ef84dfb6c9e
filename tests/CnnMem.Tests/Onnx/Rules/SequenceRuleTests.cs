using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

/// <summary>Recurrent layers, signal transforms, MaxUnpool, Unique and quantization.</summary>
public class SequenceRuleTests
{
    // X [seq=5, batch=2, input=3], hidden 4. MACs = seq * batch * dirs * gates * hidden * (input + hidden).
    [Theory]
    [InlineData("RNN", "forward", 1L, 1L)]
    [InlineData("GRU", "forward", 1L, 3L)]
    [InlineData("LSTM", "bidirectional", 2L, 4L)]
    public void Recurrent_Layout0_InfersOutputsAndMacs(string op, string direction, long dirs, long gates)
    {
        var attrs = A(("hidden_size", AttrValue.Of(4L)), ("direction", AttrValue.Of(direction)));
        var outputs = op == "LSTM" ? 3 : 2;
        var r = Run(new RecurrentRule(), op, attrs, 14, outputs,
            T("x", "5x2x3"), T("w", $"{dirs}x{gates * 4}x3"), T("r", $"{dirs}x{gates * 4}x4"));
        Assert.Equal(Shape.Of(5, dirs, 2, 4), r.Outputs[0].Shape);
        Assert.Equal(Shape.Of(dirs, 2, 4), r.Outputs[1].Shape);
        Assert.Equal(outputs, r.Outputs.Length);
        Assert.Equal(5 * 2 * dirs * gates * 4 * (3 + 4), r.Macs);
    }

    [Fact]
    public void Recurrent_Layout1_BatchFirst()
    {
        var r = Run(new RecurrentRule(), "RNN", A(("layout", AttrValue.Of(1L))), 14, 2, T("x", "2x5x3"), T("w", "1x6x3"), T("r", "1x6x6"));
        Assert.Equal(Shape.Of(2, 5, 1, 6), r.Outputs[0].Shape);
        Assert.Equal(Shape.Of(2, 1, 6), r.Outputs[1].Shape);
    }

    [Fact]
    public void Dft_OnesidedWithLength_HalvesAxis()
    {
        var r = Run(new SignalRule(), "DFT", A(("onesided", AttrValue.Of(1L))), 17, T("x", "3x10x1"), Ints("n", 16));
        Assert.Equal(Shape.Of(3, 9, 2), r.Outputs[0].Shape);
    }

    [Fact]
    public void Stft_FramesAndBins()
    {
        // 128 samples, frames of 16 every 8: (128 - 16) / 8 + 1 = 15 frames, 16 / 2 + 1 = 9 bins.
        var r = Run(new SignalRule(), "STFT", A(("onesided", AttrValue.Of(1L))), 17, T("x", "1x128x1"), Scalar("step", 8), null, Scalar("len", 16));
        Assert.Equal(Shape.Of(1, 15, 9, 2), r.Outputs[0].Shape);
    }

    [Fact]
    public void MaxUnpool_NoOutputShape_InvertsPool()
    {
        var r = Run(new MaxUnpoolRule(), "MaxUnpool", A(("kernel_shape", L(2, 2)), ("strides", L(2, 2))), 11, T("x", "1x1x2x2"), T("i", "1x1x2x2", DType.Int64));
        Assert.Equal(Shape.Of(1, 1, 4, 4), r.Outputs[0].Shape);
    }

    [Fact]
    public void Unique_NoAxis_DataDependentCount()
    {
        var r = Run(new UniqueRule(), "Unique", Attributes.Empty, 11, 4, T("x", "2x3"));
        Assert.True(r.Outputs[0].Shape[0].IsUnknown);
        Assert.Equal(Shape.Of(6), r.Outputs[2].Shape);
    }

    [Fact]
    public void QuantizeLinear_ZeroPointType_SetsOutputType()
    {
        var r = Run(new QuantizeRule(), "QuantizeLinear", Attributes.Empty, 13, T("x", "2x3"), T("s", "scalar"), T("z", "scalar", DType.Int8));
        Assert.Equal(DType.Int8, r.Outputs[0].DType);
        Assert.Equal(Shape.Of(2, 3), r.Outputs[0].Shape);
    }
}
