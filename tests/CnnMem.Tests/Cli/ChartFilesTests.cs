using System.Buffers.Binary;

namespace CnnMem.Tests.Cli;

/// <summary>--charts DIR writes the three charts, SVG by default and PNG (at least 800 px wide) on request; Markdown links them.</summary>
public class ChartFilesTests
{
    [Fact]
    public void Svg_ByDefault_AndMarkdownLinksThem()
    {
        var dir = Directory.CreateTempSubdirectory("cnnmem-charts").FullName;
        var md = Path.Combine(dir, "report.md");
        var r = CliRun.Of("analyze", "seed", "--charts", Path.Combine(dir, "charts"), "--format", "markdown", "--output", md);
        Assert.Equal(0, r.ExitCode);
        var names = Directory.GetFiles(Path.Combine(dir, "charts")).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["memory-vs-batch.svg", "per-layer-memory.svg", "training-timeline.svg"], names);
        var text = File.ReadAllText(md);
        Assert.Contains("](charts/per-layer-memory.svg)", text);
        Assert.Contains("## Answer: memory to plan with", text);
    }

    [Fact]
    public void Png_IsAtLeast800PixelsWide()
    {
        var dir = Directory.CreateTempSubdirectory("cnnmem-png").FullName;
        var r = CliRun.Of("analyze", "seed", "--charts", dir, "--chart-format", "png");
        Assert.Equal(0, r.ExitCode);
        var files = Directory.GetFiles(dir, "*.png");
        Assert.Equal(3, files.Length);
        foreach (var f in files)
        {
            var bytes = File.ReadAllBytes(f);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.True(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)) >= 800, f);
        }
    }

    [Fact]
    public void Png_NativeLibraryMissing_SaysWhichAndHowToFix_BeforeAnyWork()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("cnnmem-nopng").FullName, "charts");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CnnMem.Cli.CliApp.Run(["analyze", "seed", "--charts", dir, "--chart-format", "png"], stdout, stderr,
            pngUnavailable: () => CnnMem.Cli.SkiaLibrary.Message("/home/me/cnnmem"));
        var error = stderr.ToString();
        Assert.Equal(2, code);
        Assert.Contains(CnnMem.Cli.SkiaLibrary.FileName, error);
        Assert.Contains("/home/me/cnnmem", error);
        Assert.Contains("--chart-format svg", error);
        Assert.DoesNotContain("internal error", error);
        Assert.False(Directory.Exists(dir), "nothing is written when PNG charts cannot be painted");
    }

    [Fact]
    public void SkiaLoadFailure_IsDescribed_OtherFailuresAreNot()
    {
        var failure = new TypeInitializationException("SkiaSharp.SKImageInfo",
            new DllNotFoundException("Unable to load shared library 'libSkiaSharp' or one of its dependencies."));
        var message = CnnMem.Cli.SkiaLibrary.Describe(failure);
        Assert.NotNull(message);
        Assert.Contains(CnnMem.Cli.SkiaLibrary.FileName, message);
        Assert.Null(CnnMem.Cli.SkiaLibrary.Describe(new TypeInitializationException("X", new DllNotFoundException("Unable to load shared library 'libfoo'"))));
        Assert.Null(CnnMem.Cli.SkiaLibrary.Describe(new InvalidOperationException("bug")));
    }

    [Fact]
    public void SkiaLibrary_IsFound_InThisBuild() => Assert.Null(CnnMem.Cli.SkiaLibrary.Missing());

    [Fact]
    public void UnknownDevice_IsAUsageError()
    {
        var r = CliRun.Of("analyze", "seed", "--device", "gtx9999");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown device 'gtx9999'", r.Error);
    }
}
