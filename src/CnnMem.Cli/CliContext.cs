using CnnMem.Ops;

namespace CnnMem.Cli;

/// <summary>What a command run writes to and reads from; tests pass <see cref="StringWriter"/>s and hand-made models.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TerminalInfo Terminal, ModelLoader Loader, OpRegistry Registry)
{
    /// <summary>
    /// The byte stream behind <see cref="Out"/> when there is one (stdout in the real process): UTF-8 output
    /// (JSON) goes there directly, after <see cref="Out"/> is flushed, instead of being decoded into text and encoded again.
    /// </summary>
    public Stream? OutBytes { get; init; }

    /// <summary>Null when PNG charts can be painted, else why not (<see cref="SkiaLibrary.Missing"/>; tests replace it).</summary>
    public Func<string?> PngUnavailable { get; init; } = SkiaLibrary.Missing;
}
