namespace CnnMem.Onnx;

/// <summary>
/// Reads protobuf wire-format pieces (varints, length-delimited bytes) from a stream that may only support
/// asynchronous reads (a browser file), through a small buffer, and can skip bytes without keeping them.
/// </summary>
internal sealed class ProtoStreamReader(Stream stream, string source)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    /// <summary>Bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>True when the stream has no more bytes.</summary>
    public async ValueTask<bool> AtEndAsync(CancellationToken cancel) => start == end && !await FillAsync(cancel);

    public async ValueTask<ulong> ReadVarintAsync(CancellationToken cancel)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = await ReadByteAsync(cancel);
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw Malformed("a varint longer than 10 bytes");
    }

    /// <summary>A length prefix, checked against what a protobuf message can hold.</summary>
    public async ValueTask<long> ReadLengthAsync(CancellationToken cancel)
    {
        var length = await ReadVarintAsync(cancel);
        return length <= int.MaxValue ? (long)length : throw Malformed($"a field length of {length} bytes");
    }

    public async ValueTask<byte[]> ReadBytesAsync(long count, CancellationToken cancel)
    {
        var result = new byte[checked((int)count)];
        var done = 0;
        while (done < result.Length)
        {
            if (start == end && !await FillAsync(cancel))
            {
                throw Malformed("the file ends inside a field");
            }
            var n = Math.Min(end - start, result.Length - done);
            Array.Copy(buffer, start, result, done, n);
            start += n;
            done += n;
            Position += n;
        }
        return result;
    }

    /// <summary>Reads past <paramref name="count"/> bytes, holding at most one buffer of them.</summary>
    public async ValueTask SkipAsync(long count, CancellationToken cancel)
    {
        var left = count;
        while (left > 0)
        {
            if (start == end && !await FillAsync(cancel))
            {
                throw Malformed("the file ends inside a field");
            }
            var n = (int)Math.Min(end - start, left);
            start += n;
            left -= n;
            Position += n;
        }
    }

    public CnnMemException Malformed(string what) =>
        new($"{source}: not a valid ONNX model (protobuf: {what} at byte {Position})");

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancel)
    {
        if (start == end && !await FillAsync(cancel))
        {
            throw Malformed("the file ends inside a field");
        }
        Position++;
        return buffer[start++];
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancel)
    {
        start = 0;
        end = await stream.ReadAsync(buffer.AsMemory(), cancel);
        return end > 0;
    }
}
