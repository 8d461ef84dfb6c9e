using System.Collections.Immutable;
using System.Globalization;
using CnnMem.Core;
using CnnMem.Rendering;

namespace CnnMem.Cli;

/// <summary>
/// The model options analyze and fit share (<see cref="ModelCliOptions"/>), checked: element type, symbol values,
/// unsupported-op handling, output format and file, byte units, and the framework model's setup.
/// </summary>
internal sealed record ModelSettings(
    DType DType,
    ImmutableDictionary<string, long> Dims,
    bool AllowUnknown,
    OutputFormat Format,
    string? OutputFile,
    UnitSystem Units)
{
    /// <summary>The framework model's setup (backend, precision, checkpointing, device overheads).</summary>
    public MemoryOptions Memory { get; init; } = new();

    /// <summary>--freeze and --trainable, in command-line order.</summary>
    public ImmutableArray<FreezeRule> Freeze { get; init; } = ImmutableArray<FreezeRule>.Empty;

    /// <summary>Checks each value; an unknown one names every accepted value.</summary>
    public static ModelSettings Create(string dtype, IEnumerable<string> dims, bool allowUnknown, string format, string? output, string units)
    {
        if (!DTypes.TryParse(dtype, out var t))
        {
            throw new CnnMemException($"unknown dtype '{dtype}'; expected one of: {string.Join(", ", Enum.GetValues<DType>().Select(DTypes.Name))} (aliases: fp32, fp16, bf16, fp64, half, double)");
        }
        if (!Enum.TryParse<OutputFormat>(format, ignoreCase: true, out var f) || !Enum.IsDefined(f) || int.TryParse(format, out _))
        {
            throw new CnnMemException($"unknown format '{format}'; expected one of: {string.Join(", ", Enum.GetNames<OutputFormat>().Select(n => n.ToLowerInvariant()))}");
        }
        if (!ByteFormat.TryParse(units, out var u))
        {
            throw new CnnMemException($"unknown units '{units}'; expected si (kB = 10^3 bytes) or iec (KiB = 2^10 bytes)");
        }
        if (output is not null && Directory.Exists(output))
        {
            throw new CnnMemException($"--output: '{output}' is a folder; give a file path, e.g. {Path.Combine(output, "report." + Extension(f))}");
        }
        return new ModelSettings(t, ParseDims(dims), allowUnknown, f, output, u);
    }

    /// <summary>Parses <c>NAME=VALUE</c> pairs; a repeated name or a value that is not a positive integer is an error.</summary>
    public static ImmutableDictionary<string, long> ParseDims(IEnumerable<string> dims)
    {
        var result = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var d in dims)
        {
            var eq = d.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? d[..eq].Trim() : "";
            if (name.Length == 0 || !long.TryParse(d[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new CnnMemException($"--dim expects NAME=VALUE with a positive whole VALUE (e.g. --dim seq=128), found '{d}'");
            }
            if (!result.TryAdd(name, value))
            {
                throw new CnnMemException($"--dim gives '{name}' twice");
            }
        }
        return result.ToImmutable();
    }

    /// <summary>A whole number of at least 1, else "OPTION: 'TEXT' is not a whole number".</summary>
    public static long? ParseWhole(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            var hint = text.Contains(',', StringComparison.Ordinal) ? " (one value per run; run once per batch size)" : "";
            throw new CnnMemException($"{option}: '{text}' is not a whole number{hint}");
        }
        return v >= 1 ? v : throw new CnnMemException($"{option} must be at least 1, found {v}");
    }

    private static string Extension(OutputFormat f) => f switch
    {
        OutputFormat.Json => "json",
        OutputFormat.Csv => "csv",
        OutputFormat.Markdown => "md",
        _ => "txt",
    };
}
