using System.Buffers;

namespace CnnMem.Rendering;

/// <summary>
/// A fixed buffer in front of a stream: when a writer asks for more room than is left, the bytes written so far go
/// to the stream and the buffer starts again. So a <see cref="System.Text.Json.Utf8JsonWriter"/> streams a document
/// of any size through one small buffer (its own stream mode keeps everything until it is flushed, then clears it).
/// </summary>
internal sealed class StreamBufferWriter(Stream stream, int capacity = 1 << 16) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[capacity];
    private int _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var start = Reserve(sizeHint); // first: it may replace the buffer
        return _buffer.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _buffer.AsSpan(start);
    }

    /// <summary>Writes what the buffer holds to the stream.</summary>
    public void Flush()
    {
        stream.Write(_buffer, 0, _written);
        _written = 0;
    }

    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            Flush();
            if (_buffer.Length < needed)
            {
                _buffer = new byte[needed];
            }
        }
        return _written;
    }
}
