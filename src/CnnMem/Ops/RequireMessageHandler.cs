using System.Runtime.CompilerServices;

namespace CnnMem.Ops;

/// <summary>
/// Builds <see cref="OpContext.Require(bool, ref RequireMessageHandler)"/>'s message only when the check
/// fails. Rules state their checks with interpolated messages ("found shape {x}"); formatting them for
/// every node that passes dominated the cost of analysing large graphs.
/// </summary>
[InterpolatedStringHandler]
internal ref struct RequireMessageHandler
{
    private DefaultInterpolatedStringHandler _inner;

    public RequireMessageHandler(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        shouldAppend = !condition;
        _inner = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    public string ToStringAndClear() => _inner.ToStringAndClear();
}
