using CnnMem.Rendering;

namespace CnnMem.Tests.Rendering;

public class CsvReportWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Quote_FollowsRfc4180(string field, string expected) => Assert.Equal(expected, CsvReportWriter.Quote(field));

    [Fact]
    public void Csv_HasHeaderAndOneRowPerInputAndLayer()
    {
        var report = TestGraphs.Report();
        var lines = CsvReportWriter.Write(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("layer,op,output_shape,output_elements,params,macs,output_bytes,in_textbook_sum", lines[0]);
        Assert.Equal(1 + report.Inputs.Length + report.Layers.Length, lines.Length);
        // c1: 2x8x8x4 (nhwc), 512 elements, 4*3*9+4 = 112 params, 512*27 = 13824 MACs, 2048 bytes.
        Assert.Equal("c1,Conv,2x8x8x4,512,112,13824,2048,true", lines[2]);
    }
}
