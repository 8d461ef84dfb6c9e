namespace CnnMem.Onnx;

/// <summary>
/// Enumerates the values of one length-delimited field of one or more messages (the graph, given
/// twice when a writer split it), in file order, without collecting them first. Each message is given as
/// the span of bytes from the field's first tag to the end of its last value (empty when it has none),
/// so other fields before and after are not read. Use with foreach.
/// </summary>
internal struct ProtoFieldEnumerator
{
    private readonly byte[] _data;
    private readonly List<ProtoSlice[]> _messages;
    private readonly int _field;
    private readonly int _tag;
    private int _message;
    private ProtoReader _reader;

    public ProtoFieldEnumerator(byte[] data, List<ProtoSlice[]> messages, int field)
    {
        _data = data;
        _messages = messages;
        _field = field;
        _tag = ProtoReader.Tag(field, ProtoReader.LengthDelimited);
        _message = -1;
        _reader = default;
        Current = default;
    }

    public ProtoSlice Current { get; private set; }

    public readonly ProtoFieldEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_message < 0 || _reader.AtEnd)
            {
                if (++_message >= _messages.Count)
                {
                    return false;
                }
                _reader = new ProtoReader(_data, _messages[_message][_field]);
                continue;
            }
            var tag = _reader.ReadTag();
            if (tag == _tag)
            {
                Current = _reader.ReadSlice();
                return true;
            }
            _reader.Skip(tag);
        }
    }
}
