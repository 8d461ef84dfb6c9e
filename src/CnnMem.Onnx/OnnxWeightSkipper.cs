namespace CnnMem.Onnx;

/// <summary>
/// Copies an ONNX model from a stream, leaving out the inline bytes of large initializers, so a model with
/// all its weights (hundreds of MB) can be analysed while holding only its structure. cnnmem needs an
/// initializer's dims and data type, and values only for small tensors (shape arguments), which stay.
/// 1. Walk ModelProto's fields; copy each one except <c>graph</c> as it is.
/// 2. In the graph, copy every field except <c>initializer</c>, which is rewritten.
/// 3. In an initializer, drop a data field (raw_data, float_data, int64_data, ...) longer than the limit;
///    the importer treats a tensor without data as a weightless one.
/// Reads asynchronously only (a browser's file stream supports nothing else).
/// </summary>
internal static class OnnxWeightSkipper
{
    /// <summary>Default limit: data fields up to this many bytes stay (16 bytes for each of 1,024 values).</summary>
    public const long DefaultKeepBytes = 16 * 1024;

    private const int LengthDelimited = 2;
    private const int ModelGraph = 7;
    private const int GraphInitializer = 5;

    // TensorProto data fields: float_data, int32_data, string_data, int64_data, raw_data, double_data, uint64_data.
    private static readonly int[] TensorDataFields = [4, 5, 6, 7, 9, 10, 11];

    /// <summary>The model's bytes with large initializer data left out.</summary>
    public static async Task<byte[]> ReadAsync(Stream input, string source, long keepBytes = DefaultKeepBytes, CancellationToken cancel = default)
    {
        var reader = new ProtoStreamReader(input, source);
        using var output = new MemoryStream();
        while (!await reader.AtEndAsync(cancel))
        {
            var tag = await reader.ReadVarintAsync(cancel);
            if (Field(tag) == ModelGraph && WireType(tag) == LengthDelimited)
            {
                var length = await reader.ReadLengthAsync(cancel);
                var graph = await MessageAsync(reader, length, GraphField, keepBytes, cancel);
                WriteLengthDelimited(output, tag, graph);
            }
            else
            {
                await CopyFieldAsync(reader, tag, output, cancel);
            }
        }
        return output.ToArray();
    }

    /// <summary>Reads the model with <see cref="ReadAsync"/> and imports it.</summary>
    public static async Task<Graphs.ModelGraph> ImportAsync(Stream input, string source, CancellationToken cancel = default) =>
        OnnxImporter.ImportBytes(await ReadAsync(input, source, DefaultKeepBytes, cancel), source);

    private enum Action
    {
        Copy,
        Recurse,
        Drop,
    }

    private static Action GraphField(int field, long length, long keepBytes) =>
        field == GraphInitializer ? Action.Recurse : Action.Copy;

    private static Action TensorField(int field, long length, long keepBytes) =>
        TensorDataFields.Contains(field) && length > keepBytes ? Action.Drop : Action.Copy;

    /// <summary>Rewrites one message of <paramref name="length"/> bytes; <paramref name="decide"/> says what to do with each length-delimited field.</summary>
    private static async Task<byte[]> MessageAsync(ProtoStreamReader reader, long length, Func<int, long, long, Action> decide, long keepBytes, CancellationToken cancel)
    {
        var end = checked(reader.Position + length);
        using var output = new MemoryStream();
        while (reader.Position < end)
        {
            var tag = await reader.ReadVarintAsync(cancel);
            if (WireType(tag) != LengthDelimited)
            {
                await CopyFieldAsync(reader, tag, output, cancel);
                continue;
            }
            var size = await reader.ReadLengthAsync(cancel);
            switch (decide(Field(tag), size, keepBytes))
            {
                case Action.Drop:
                    await reader.SkipAsync(size, cancel);
                    break;
                case Action.Recurse:
                    WriteLengthDelimited(output, tag, await MessageAsync(reader, size, TensorField, keepBytes, cancel));
                    break;
                default:
                    WriteLengthDelimited(output, tag, await reader.ReadBytesAsync(size, cancel));
                    break;
            }
        }
        if (reader.Position != end)
        {
            throw reader.Malformed("a field runs past the end of its message");
        }
        return output.ToArray();
    }

    private static async Task CopyFieldAsync(ProtoStreamReader reader, ulong tag, Stream output, CancellationToken cancel)
    {
        switch (WireType(tag))
        {
            case 0:
                WriteVarint(output, tag);
                WriteVarint(output, await reader.ReadVarintAsync(cancel));
                break;
            case 1:
                WriteVarint(output, tag);
                output.Write(await reader.ReadBytesAsync(8, cancel));
                break;
            case LengthDelimited:
                WriteLengthDelimited(output, tag, await reader.ReadBytesAsync(await reader.ReadLengthAsync(cancel), cancel));
                break;
            case 5:
                WriteVarint(output, tag);
                output.Write(await reader.ReadBytesAsync(4, cancel));
                break;
            default:
                throw reader.Malformed($"wire type {WireType(tag)} (groups are not used by ONNX)");
        }
    }

    private static int Field(ulong tag) => (int)Math.Min(tag >> 3, int.MaxValue);

    private static int WireType(ulong tag) => (int)(tag & 7);

    private static void WriteLengthDelimited(Stream output, ulong tag, byte[] payload)
    {
        WriteVarint(output, tag);
        WriteVarint(output, (ulong)payload.Length);
        output.Write(payload);
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)((value & 0x7f) | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }
}
