using System.Text;
using CnnMem.Cli;

namespace CnnMem.Tests.Cli;

/// <summary>With a byte stream behind stdout (the real process), JSON (and the other file formats) go there as UTF-8, the same bytes as through the text writer; the table stays on the text writer.</summary>
public class StdoutBytesTests
{
    private static (int Code, string Text, byte[] Bytes) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var bytes = new MemoryStream();
        var code = CliApp.Run(args, stdout, new StringWriter(), TerminalInfo.Plain, CliRun.TinyLoader, stdoutBytes: bytes);
        return (code, stdout.ToString(), bytes.ToArray());
    }

    [Fact]
    public void Json_GoesToTheByteStream_AsTheGoldenText()
    {
        var (code, text, bytes) = Run("analyze", "tiny", "--batch", "2", "--optimizer", "adam", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", text);
        GoldenFile.Verify("twoconv_b2.json", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("markdown", "twoconv_b2.md")]
    public void OtherFileFormats_GoToTheByteStream_AsTheGoldenText(string format, string golden)
    {
        var (code, text, bytes) = Run("analyze", "tiny", "--batch", "2", "--optimizer", "adam", "--format", format);
        Assert.Equal(0, code);
        Assert.Equal("", text);
        GoldenFile.Verify(golden, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Csv_GoesToTheByteStream_AsThroughTheTextWriter()
    {
        var (code, text, bytes) = Run("analyze", "tiny", "--batch", "2", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal("", text);
        Assert.Equal(CliRun.Tiny("analyze", "tiny", "--batch", "2", "--format", "csv").Out, Encoding.UTF8.GetString(bytes));
        Assert.StartsWith("layer,op,", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Table_StaysOnTheTextWriter()
    {
        var (code, text, bytes) = Run("analyze", "tiny", "--batch", "2", "--optimizer", "adam");
        Assert.Equal(0, code);
        Assert.Empty(bytes);
        GoldenFile.Verify("twoconv_b2.txt", text);
    }

    [Fact]
    public void JsonToFile_IsTheSameBytes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cnnmem-json-{Guid.NewGuid():N}.json");
        try
        {
            var (code, _, bytes) = Run("analyze", "tiny", "--batch", "2", "--optimizer", "adam", "--format", "json", "-o", file);
            Assert.Equal(0, code);
            Assert.Empty(bytes);
            GoldenFile.Verify("twoconv_b2.json", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
