namespace CnnMem;

/// <summary>
/// An error in the user's input (a spec, a model file, an option) or in the model itself. Its message
/// is written for people: where (file, line, column or node) and what was expected and found.
/// The CLI prints it and exits 2; it never shows a stack trace.
/// </summary>
public class CnnMemException : Exception
{
    /// <summary>An error with a message for people.</summary>
    public CnnMemException(string message) : base(message)
    {
    }

    /// <summary>An error with a message for people, caused by <paramref name="inner"/>.</summary>
    public CnnMemException(string message, Exception inner) : base(message, inner)
    {
    }
}
