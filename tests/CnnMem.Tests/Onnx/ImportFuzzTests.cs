using System.Diagnostics;
using CnnMem.Onnx;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// Mutated oracle files (truncated, bytes flipped, two files spliced) must only ever fail with a
/// <see cref="CnnMemException"/>, never a crash. Deterministic seed; bounded count and time.
/// </summary>
public class ImportFuzzTests
{
    private static readonly string[] Corpus = { "seed_cnn.onnx", "lenet5.onnx", "resnet18.dyn.onnx", "mobilenet_v2.onnx", "vit_b_16.dyn.onnx" };

    private const int MutationsPerKind = 200;

    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip")]
    [InlineData("splice")]
    public void Import_MutatedOracleFiles_OnlyThrowCnnMemException(string kind)
    {
        var files = Corpus.Select(f => File.ReadAllBytes(ImportTestModels.OracleModel(f))).ToArray();
        var random = new Random(20261128 + kind.Length);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var imported = 0;
        for (var i = 0; i < MutationsPerKind && clock.Elapsed < TimeLimit; i++)
        {
            var which = random.Next(files.Length);
            var (bytes, how) = Mutate(kind, files, which, random);
            var (ok, error) = Run(bytes);
            imported += ok ? 1 : 0;
            if (error is not null)
            {
                failures.Add($"{Corpus[which]} {how}: {error}");
            }
        }
        Assert.Empty(failures);
        if (kind == "flip")
        {
            // Most single-byte changes keep the file readable: the analysis, not only the parser, is exercised.
            Assert.True(imported > 0, "no mutated file imported, so the analysis was never exercised");
        }
    }

    private static (byte[] Bytes, string How) Mutate(string kind, byte[][] files, int which, Random random)
    {
        var a = files[which];
        switch (kind)
        {
            case "truncate":
            {
                var at = random.Next(a.Length);
                return (a[..at], $"truncated at {at}");
            }
            case "flip":
            {
                var b = (byte[])a.Clone();
                var n = 1 + random.Next(8);
                var offsets = new List<int>();
                for (var k = 0; k < n; k++)
                {
                    var at = random.Next(b.Length);
                    b[at] = (byte)random.Next(256);
                    offsets.Add(at);
                }
                return (b, $"bytes changed at {string.Join(",", offsets)}");
            }
            default:
            {
                var other = files[random.Next(files.Length)];
                var cut = random.Next(a.Length);
                var from = random.Next(other.Length);
                return (a[..cut].Concat(other[from..]).ToArray(), $"first {cut} bytes spliced with another file from {from}");
            }
        }
    }

    /// <summary>Import and analyse (strict, then allowing unknown ops): whether it imported, and the first non-CnnMemException.</summary>
    private static (bool Imported, string? Error) Run(byte[] bytes)
    {
        try
        {
            var g = OnnxImporter.ImportBytes(bytes, "fuzz.onnx");
            foreach (var allowUnknown in new[] { false, true })
            {
                try
                {
                    Analyzer.Analyze(g, new AnalysisOptions { Batch = 2, AllowUnknown = allowUnknown });
                }
                catch (CnnMemException)
                {
                }
            }
            return (true, null);
        }
        catch (CnnMemException)
        {
            return (false, null);
        }
        catch (Exception e)
        {
            return (false, $"{e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
        }
    }
}
