using System.Text;

namespace CnnMem.Onnx;

/// <summary>
/// Decodes UTF-8 strings that repeat across a model (op types, domains, attribute names) once: a
/// 100,000-node graph has a handful of distinct op types, so the importer need not allocate one per node.
/// Long strings are decoded without pooling.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledBytes = 64;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        Span<char> chars = stackalloc char[MaxPooledBytes];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        if (_lookup.TryGetValue(chars[..n], out var pooled))
        {
            return pooled;
        }
        var s = new string(chars[..n]);
        _strings.Add(s, s);
        return s;
    }
}
