using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Import.Spec;

/// <summary>A parsed <c>input</c> line: the graph input (channels first, batch symbol in front) and its layout.</summary>
internal sealed record SpecInput(TensorInfo Tensor, DisplayLayout Layout)
{
    public const string Keyword = "input";

    private static readonly string[] OptionNames = { "layout", "dtype" };

    /// <summary>
    /// Reads <c>[NAME:] input DIMS [layout=hwc|chw] [dtype=T]</c>.
    /// 1. DIMS is one size: <c>784</c> (features) or an image with its channels, <c>HxWxC</c> (hwc, the
    ///    default, as the classic answer writes it) or <c>CxHxW</c> (chw). Two sizes are refused: a
    ///    1-channel image must say so (28x28x1), since guessing would silently change every count.
    /// 2. The tensor is stored channels first: [N, C, H, W] with N the batch symbol.
    /// 3. The name defaults to <c>input</c>, then <c>input2</c>, ... for further inputs.
    /// </summary>
    public static SpecInput Parse(SpecSite site, string? name, SpecToken keyword, ImmutableArray<SpecToken> args, SpecScope scope, string batchSymbol)
    {
        SpecToken? dimsToken = null;
        var layout = DisplayLayout.ChannelsLast;
        var dtype = DType.Float32;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in args)
        {
            var eq = a.Text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (dimsToken is not null)
                {
                    throw site.Error(a, $"'input' takes one size (such as 50x50x3), found an extra '{a.Text}'");
                }
                dimsToken = a;
                continue;
            }
            var key = a.Text[..eq];
            var value = new SpecToken(a.Text[(eq + 1)..], a.Column + eq + 1);
            if (!OptionNames.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw site.Error(a, $"unknown option '{key}' for 'input'{SpecSite.DidYouMean(key, OptionNames)} (options: layout, dtype)");
            }
            if (!seen.Add(key))
            {
                throw site.Error(a, $"option '{key}' is given twice");
            }
            if (key.Equals("layout", StringComparison.OrdinalIgnoreCase))
            {
                layout = value.Text.ToLowerInvariant() switch
                {
                    "hwc" or "nhwc" or "channels_last" => DisplayLayout.ChannelsLast,
                    "chw" or "nchw" or "channels_first" => DisplayLayout.ChannelsFirst,
                    _ => throw site.Error(value, $"expected layout=hwc or layout=chw, found '{value.Text}'"),
                };
            }
            else if (!DTypes.TryParse(value.Text, out dtype))
            {
                throw site.Error(value, $"expected a dtype such as float32, float16 or int64, found '{value.Text}'{SpecSite.DidYouMean(value.Text, DTypes.AllNames)}");
            }
        }
        if (dimsToken is null)
        {
            throw site.Error(keyword.End, "'input' needs a size such as 50x50x3 (H x W x C) or 784");
        }

        var dims = Dims(site, dimsToken);
        var perSample = dims.Length == 1 ? dims
            : layout == DisplayLayout.ChannelsLast ? dims[^1..].Concat(dims[..^1]).ToArray()
            : dims;
        var shape = new Shape(new[] { Dim.Sym(batchSymbol) }.Concat(perSample.Select(Dim.Of)));
        name ??= DefaultName(scope);
        return new SpecInput(new TensorInfo(name, dtype, shape), layout);
    }

    private static long[] Dims(SpecSite site, SpecToken token)
    {
        var parts = token.Text.Split('x', 'X');
        var dims = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out dims[i])
                || dims[i] < 1 || dims[i] > SpecValues.MaxNumber)
            {
                throw site.Error(token, $"expected an input size like 50x50x3 (H x W x C) or 784, found '{token.Text}'");
            }
        }
        if (dims.Length == 2)
        {
            throw site.Error(token, $"an image input needs its channels: expected H x W x C such as {dims[0]}x{dims[1]}x1 (or C x H x W with layout=chw), found '{token.Text}'");
        }
        // Sizes no device could hold would only overflow later; say so here, where the user wrote them.
        long elements = 1;
        foreach (var d in dims)
        {
            elements = elements > MaxElements / d ? MaxElements + 1 : elements * d;
        }
        if (elements > MaxElements)
        {
            throw site.Error(token, $"an input of at most 2^40 elements per sample was expected, found '{token.Text}'");
        }
        return dims;
    }

    private const long MaxElements = 1L << 40;

    private static string DefaultName(SpecScope scope)
    {
        if (!scope.Contains(Keyword))
        {
            return Keyword;
        }
        var k = 2;
        while (scope.Contains($"{Keyword}{k}"))
        {
            k++;
        }
        return $"{Keyword}{k}";
    }
}
