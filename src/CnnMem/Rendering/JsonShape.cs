using System.Runtime.CompilerServices;
using System.Text.Json;
using CnnMem.Graphs;

namespace CnnMem.Rendering;

/// <summary>
/// A shape as the JSON writes it: on one line (<c>[64, 50, 50, 3]</c>) so indented JSON stays readable, batch first
/// in the display layout (<see cref="DisplayShapes"/>), null for an unknown dim and for an unknown rank. Formatted
/// into a caller's buffer, with no array or string per shape.
/// </summary>
internal static class JsonShape
{
    /// <summary>A buffer of this many bytes holds any shape up to rank 16.</summary>
    public const int ScratchBytes = 2 + (16 * BytesPerDim);

    // "-9223372036854775808, " is 22 bytes.
    private const int BytesPerDim = 22;

    public static void Write(Utf8JsonWriter json, Shape shape, DisplayLayout layout)
    {
        Span<byte> scratch = stackalloc byte[ScratchBytes];
        json.WriteRawValue(Format(shape, layout, scratch), skipInputValidation: true);
    }

    /// <summary>The shape's JSON bytes, in <paramref name="scratch"/> when they fit (else in a new array).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Format(Shape shape, DisplayLayout layout, Span<byte> scratch)
    {
        if (!shape.IsRanked)
        {
            return "null"u8;
        }
        var dims = shape.Dims;
        var buffer = 2 + (dims.Length * BytesPerDim) <= scratch.Length ? scratch : new byte[2 + (dims.Length * BytesPerDim)];
        var channelsLast = layout == DisplayLayout.ChannelsLast && dims.Length >= 3;
        var n = 0;
        buffer[n++] = (byte)'[';
        for (var i = 0; i < dims.Length; i++)
        {
            if (i > 0)
            {
                buffer[n++] = (byte)',';
                buffer[n++] = (byte)' ';
            }
            // Channels last shows (N, D1.., C): display position i reads stored axis 0, 2.., then 1.
            var axis = !channelsLast || i == 0 ? i : i == dims.Length - 1 ? 1 : i + 1;
            if (dims[axis].Value is { } v)
            {
                v.TryFormat(buffer[n..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
                n += written;
            }
            else
            {
                "null"u8.CopyTo(buffer[n..]);
                n += 4;
            }
        }
        buffer[n++] = (byte)']';
        return buffer[..n];
    }
}
