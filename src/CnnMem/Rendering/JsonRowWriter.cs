using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace CnnMem.Rendering;

/// <summary>
/// Formats one array element (a layer row) as indented JSON bytes exactly as <see cref="Utf8JsonWriter"/> would at
/// the writer's current depth, then hands it over with <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>
/// (which adds only the comma). The rows are what grows with the network; formatting them directly is about twice
/// as fast as a writer call per field, and as fast on the first call as later (no JIT tiering of the writer).
/// Strings that need escaping go through <see cref="JsonEncodedText"/>, the writer's own escaping.
/// One instance is reused for every row of a document.
/// </summary>
internal sealed class JsonRowWriter
{
    // Printable ASCII that the writer's default escaping leaves as is; anything else takes the escaping path.
    private static readonly SearchValues<byte> Plain = SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private byte[] _buffer = new byte[1024];
    private int _length;
    private int _depth; // depth of the value being written, as the writer counts it
    private bool _first;

    /// <summary>Starts an object as an element of the array the writer is in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StartRow(Utf8JsonWriter json)
    {
        _length = 0;
        _depth = json.CurrentDepth;
        NewLine(_depth);
        Append((byte)'{');
        _depth++;
        _first = true;
    }

    /// <summary>Starts an object as the value of the property the writer has just written.</summary>
    public void StartValue(Utf8JsonWriter json)
    {
        _length = 0;
        _depth = json.CurrentDepth;
        Append((byte)'{');
        _depth++;
        _first = true;
    }

    /// <summary>Closes the row and writes it after the writer's last element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndRow(Utf8JsonWriter json)
    {
        _depth--;
        NewLine(_depth);
        Append((byte)'}');
        json.WriteRawValue(_buffer.AsSpan(0, _length), skipInputValidation: true);
    }

    /// <summary>Writes <c>"name": </c>; <paramref name="name"/> must need no escaping (the contract's snake_case names).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Name(ReadOnlySpan<byte> name)
    {
        if (!_first)
        {
            Append((byte)',');
        }
        _first = false;
        NewLine(_depth);
        Reserve(name.Length + 4);
        _buffer[_length++] = (byte)'"';
        name.CopyTo(_buffer.AsSpan(_length));
        _length += name.Length;
        "\": "u8.CopyTo(_buffer.AsSpan(_length));
        _length += 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        Reserve(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    public void NumberOrNull(ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
        {
            Number(name, v);
        }
        else
        {
            Name(name);
            Append("null"u8);
        }
    }

    public void Boolean(ReadOnlySpan<byte> name, bool value)
    {
        Name(name);
        Append(value ? "true"u8 : "false"u8);
    }

    /// <summary>A string field, left out when null (the document's null handling).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void String(ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            return;
        }
        Name(name);
        Reserve(checked((value.Length * 3) + 2));
        _buffer[_length++] = (byte)'"';
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        if (_buffer.AsSpan(_length, written).IndexOfAnyExcept(Plain) >= 0)
        {
            var escaped = JsonEncodedText.Encode(value).EncodedUtf8Bytes;
            Reserve(escaped.Length + 1);
            escaped.CopyTo(_buffer.AsSpan(_length));
            written = escaped.Length;
        }
        _length += written;
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>A value already formatted as JSON on one line (a shape).</summary>
    public void Raw(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name(name);
        Append(value);
    }

    /// <summary>Starts an array field whose elements are objects (<see cref="StartObject"/>).</summary>
    public void StartArray(ReadOnlySpan<byte> name)
    {
        Name(name);
        Append((byte)'[');
        _depth++;
        _first = true;
    }

    public void EndArray()
    {
        _depth--;
        NewLine(_depth);
        Append((byte)']');
        _first = false;
    }

    /// <summary>Starts an object as an element of the array just started.</summary>
    public void StartObject()
    {
        if (!_first)
        {
            Append((byte)',');
        }
        NewLine(_depth);
        Append((byte)'{');
        _depth++;
        _first = true;
    }

    public void EndObject()
    {
        _depth--;
        NewLine(_depth);
        Append((byte)'}');
        _first = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NewLine(int depth)
    {
        var indent = depth * 2;
        Reserve(indent + 1);
        _buffer[_length++] = (byte)'\n';
        _buffer.AsSpan(_length, indent).Fill((byte)' ');
        _length += indent;
    }

    private void Append(byte b)
    {
        Reserve(1);
        _buffer[_length++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, checked(_length + count)));
        }
    }
}
