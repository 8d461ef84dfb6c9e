using CnnMem.Ops;

namespace CnnMem.Cli;

/// <summary>What a command run writes to and reads from; tests pass <see cref="StringWriter"/>s and hand-made models.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TerminalInfo Terminal, ModelLoader Loader, OpRegistry Registry);
