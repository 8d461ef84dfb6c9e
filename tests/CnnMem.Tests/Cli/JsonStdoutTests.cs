using System.Text;
using CnnMem.Cli;

namespace CnnMem.Tests.Cli;

/// <summary>With a byte stream behind stdout (the real process), JSON goes there as UTF-8, the same bytes as through the text writer; other formats stay on the text writer.</summary>
public class JsonStdoutTests
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
