using System.Globalization;
using System.Text.RegularExpressions;

namespace CnnMem.Web.Model;

/// <summary>Where in the spec an error points: the library's messages start with <c>file:line:column: </c>.</summary>
public sealed partial record ErrorLocation(int Line, int Column, string Message)
{
    public static ErrorLocation? TryParse(string message, string fileName)
    {
        if (!message.StartsWith(fileName + ":", StringComparison.Ordinal))
        {
            return null;
        }
        var m = Position().Match(message, fileName.Length + 1);
        return m.Success
            ? new ErrorLocation(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), message[(m.Index + m.Length)..])
            : null;
    }

    /// <summary>The spec line the error is on, or "" when the line is past the end.</summary>
    public string LineText(string spec)
    {
        var lines = spec.Split('\n');
        return Line >= 1 && Line <= lines.Length ? lines[Line - 1].TrimEnd('\r') : "";
    }

    [GeneratedRegex(@"\G(\d+):(\d+): ")]
    private static partial Regex Position();
}
