using CnnMem.Import.Spec;
using CsCheck;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Spec;

/// <summary>
/// Whatever text it is given, parsing plus analysis either succeeds or throws a
/// <see cref="CnnMemException"/> (a message for the user): never another exception, never a hang.
/// Inputs are random strings over the spec's alphabet and mutations of the shipped examples
/// (tokens deleted, duplicated, swapped, replaced by other keywords or by extreme numbers).
/// </summary>
public class SpecFuzzTests
{
    private const string Alphabet = "abcdefgilmnoprstuvxz0123456789x=:,.#-_ \n\t";

    private static readonly string[] Words =
    {
        "input", "conv", "maxpool", "avgpool", "fc", "relu", "add", "concat", "flatten", "dropout", "batchnorm",
        "softmax", "globalavgpool", "tanh", "x:", "C1", "from=C1", "from=x", "stride=2", "pad=same", "pad=3", "pad=1,0,1,0",
        "ceil=true", "groups=2", "dilation=2", "bias=false", "layout=chw", "dtype=float16", "trainable=false", "inplace=true",
        "\n", "#", "3x3", "1x1", "7x7", "0.5",
    };

    private static readonly string[] Numbers =
    {
        "0", "1", "2", "3", "-1", "7", "64", "1000", "65536", "2147483647", "2147483648", "4294967296", "9223372036854775807", "99999999999999999999", "1e3",
    };

    private static readonly string[] Examples = BuiltInModels.Names
        .Select(n => BuiltInModels.TryGetText(n, out var t, out _) ? t : "")
        .ToArray();

    [Fact]
    public void RandomText_OnlyEverThrowsCnnMemException()
    {
        Gen.Char[Alphabet].Array[0, 300].Select(cs => new string(cs))
            .Sample(ParseAndAnalyze, iter: 2000, threads: 1);
    }

    [Fact]
    public void RandomUnicode_OnlyEverThrowsCnnMemException()
    {
        Gen.String.Sample(ParseAndAnalyze, iter: 1000, threads: 1);
    }

    [Fact]
    public void MutatedExamples_OnlyEverThrowCnnMemException()
    {
        var mutation = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20]);
        Gen.Select(Gen.Int[0, Examples.Length - 1], mutation.Array[1, 3])
            .Select(t => Mutate(Examples[t.Item1], t.Item2))
            .Sample(ParseAndAnalyze, iter: 2000, threads: 1);
    }

    /// <summary>Each extreme row's expected outcome: a message naming what overflows or is wrong, or (null) a result with this output shape.</summary>
    [Theory]
    [InlineData("input 50x50x3\nconv 2147483647 3x3 pad=same\nconv 2147483647 3x3 pad=same", "layer 'C2' (Conv): a size overflows 64 bits", null)]
    [InlineData("input 1024x1024x1024\nconv 2147483647 7x7 pad=same", "layer 'C1' (Conv): a size overflows 64 bits", null)]
    [InlineData("input 1099511627776\nfc 2147483647\nfc 2147483647", "expected an input size like 50x50x3 (H x W x C) or 784, found '1099511627776'", null)]
    [InlineData("input 8x8x3\nconv 4 3x3 pad=2147483647,2147483647", "layer 'C1' (Conv): a size overflows 64 bits", null)]
    [InlineData("input 8x8x3\nconv 4 2147483647x2147483647 pad=2147483647", "layer 'C1' (Conv): a size overflows 64 bits", null)]
    [InlineData("input 8x8x3\nconv 4 3x3 stride=2147483647", null, "1x4x1x1")]
    [InlineData("input 8x8x3\nconv 4 3x3 dilation=2147483647", "the kernel (3 dilated by 2147483647 = 4294967295) is larger than the input (8)", null)]
    [InlineData("input 1048576x1048576x1\nconv 2097152 1x1\nmaxpool 1x1\nmaxpool 1x1", "a total (elements, bytes or MACs) overflows 64 bits at batch 1", null)]
    public void ExtremeNumbers_GiveTheExpectedOutcome(string text, string? error, string? output)
    {
        ParseAndAnalyze(text);
        if (error is not null)
        {
            var e = Assert.Throws<CnnMemException>(() => Analyzer.Analyze(SpecParser.Parse(text, "extreme.cnn"), new AnalysisOptions()));
            Assert.Contains(error, e.Message, StringComparison.Ordinal);
        }
        else
        {
            var r = Analyzer.Analyze(SpecParser.Parse(text, "extreme.cnn"), new AnalysisOptions());
            Assert.Equal(output, r.Outputs.Single().Shape.ToString());
        }
    }

    /// <summary>Applies (kind, a, b, c) edits to the example's tokens; line breaks are tokens too, so lines merge and split.</summary>
    private static string Mutate(string text, (int Kind, int A, int B, int C)[] edits)
    {
        var tokens = text.Replace("\n", " \n ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var (kind, a, b, c) in edits)
        {
            if (tokens.Count == 0)
            {
                break;
            }
            var i = a % tokens.Count;
            var j = b % tokens.Count;
            switch (kind)
            {
                case 0:
                    tokens.RemoveAt(i);
                    break;
                case 1:
                    tokens.Insert(i, tokens[j]);
                    break;
                case 2:
                    (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                    break;
                case 3:
                    tokens.Insert(i, Words[c % Words.Length]);
                    break;
                default:
                    tokens[i] = ReplaceNumber(tokens[i], Numbers[c % Numbers.Length]);
                    break;
            }
        }
        return string.Join(" ", tokens);
    }

    /// <summary>Replaces the first run of digits in a token (3x3 -> 0x3, stride=2 -> stride=-1), or the token itself.</summary>
    private static string ReplaceNumber(string token, string number)
    {
        var start = token.IndexOfAny("0123456789".ToCharArray());
        if (start < 0)
        {
            return number;
        }
        var end = start;
        while (end < token.Length && char.IsDigit(token[end]))
        {
            end++;
        }
        return token[..start] + number + token[end..];
    }

    private static void ParseAndAnalyze(string text)
    {
        var run = Task.Run(() =>
        {
            try
            {
                var graph = SpecParser.Parse(text, "fuzz.cnn");
                Analyzer.Analyze(graph, new AnalysisOptions { Batch = 3 });
            }
            catch (CnnMemException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        });
        Assert.True(run.Wait(TimeSpan.FromSeconds(20)), $"parsing and analysing took over 20 s for:\n{text}");
    }
}
