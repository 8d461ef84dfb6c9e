using System.Runtime.CompilerServices;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Rendering;

/// <summary>
/// A shape as the JSON writes it: on one line (<c>[64, 50, 50, 3]</c>) so indented JSON stays readable, batch first
/// in the display layout (<see cref="DisplayShapes"/>), null for an unknown dim and for an unknown rank. Formatted
/// into a stack buffer, with no array or string per shape.
/// </summary>
internal static class JsonShape
{
    // "-9223372036854775808, " is 22 bytes; a rank past this goes through the heap.
    private const int StackDims = 16;
    private const int BytesPerDim = 22;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(Utf8JsonWriter json, Shape shape, DisplayLayout layout)
    {
        if (!shape.IsRanked)
        {
            json.WriteNullValue();
            return;
        }
        var rank = shape.Rank;
        var size = 2 + (rank * BytesPerDim);
        Span<byte> buffer = rank <= StackDims ? stackalloc byte[2 + (StackDims * BytesPerDim)] : new byte[size];
        var length = Format(shape, layout, buffer);
        json.WriteRawValue(buffer[..length], skipInputValidation: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Format(Shape shape, DisplayLayout layout, Span<byte> buffer)
    {
        var dims = shape.Dims;
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
        return n;
    }
}
