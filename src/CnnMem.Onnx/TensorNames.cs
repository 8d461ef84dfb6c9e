namespace CnnMem.Onnx;

/// <summary>
/// Decodes the tensor names that nodes read, reusing the string already made for the same name: a node
/// mostly reads what a recent node wrote (kept in a small ring), or a weight (found among the
/// initializers). A 100,000-node chain then allocates each name once instead of twice.
/// </summary>
internal sealed class TensorNames(byte[] data, Dictionary<string, Graphs.Initializer> initializers)
{
    private const int Recent = 16;
    private const int MaxLookupChars = 256;

    private readonly ProtoSlice[] _slices = new ProtoSlice[Recent];
    private readonly string[] _names = new string[Recent];
    private readonly Dictionary<string, Graphs.Initializer>.AlternateLookup<ReadOnlySpan<char>> _weights =
        initializers.GetAlternateLookup<ReadOnlySpan<char>>();

    private int _next;

    /// <summary>A name a node writes; remembered for the nodes that follow.</summary>
    public string Output(ProtoSlice slice)
    {
        var name = Decode(slice);
        _slices[_next] = slice;
        _names[_next] = name;
        _next = (_next + 1) % Recent;
        return name;
    }

    /// <summary>A name a node reads.</summary>
    public string Input(ProtoSlice slice)
    {
        var bytes = data.AsSpan(slice.Start, slice.Length);
        for (var i = 0; i < Recent; i++)
        {
            // Newest first: in a chain the previous node's output is the next node's input.
            var k = (_next - 1 - i + Recent) % Recent;
            if (_names[k] is { } known && _slices[k].Length == slice.Length && data.AsSpan(_slices[k].Start, slice.Length).SequenceEqual(bytes))
            {
                return known;
            }
        }
        if (initializers.Count > 0 && slice.Length <= MaxLookupChars)
        {
            Span<char> chars = stackalloc char[MaxLookupChars];
            var n = System.Text.Encoding.UTF8.GetChars(bytes, chars);
            if (_weights.TryGetValue(chars[..n], out var weight, out _))
            {
                return weight;
            }
        }
        return Decode(slice);
    }

    private string Decode(ProtoSlice slice) =>
        slice.Length == 0 ? "" : System.Text.Encoding.UTF8.GetString(data, slice.Start, slice.Length);
}
