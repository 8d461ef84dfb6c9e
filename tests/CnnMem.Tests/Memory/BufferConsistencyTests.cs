using CnnMem.Import.Spec;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Memory;

/// <summary>The framework model's buffers are the analysis totals' buffers: one source, counted once.</summary>
public class BufferConsistencyTests
{
    [Theory]
    [InlineData("input 8x8x3\nconv 16 3x3 pad=same\nbatchnorm\nrelu\n", 16 + 16 + 1, (32 * 4) + 8)]
    [InlineData("input 8x8x3\nconv 16 3x3\nbatchnorm\nconv 8 1x1\nbatchnorm\n", 16 + 16 + 1 + 8 + 8 + 1, (48 * 4) + 16)]
    public void BatchNormSpec_BuffersIncludeCounterOnce(string spec, long elements, long bytes)
    {
        var report = Analyzer.Analyze(SpecParser.Parse(spec, "bn.cnn"), new AnalysisOptions { Batch = 4 });
        Assert.Equal(elements, report.Totals.BufferElements);
        Assert.Equal(bytes, report.Totals.BufferBytes);
        Assert.Equal(bytes, report.Memory.Inference!.BufferBytes);
    }
}
