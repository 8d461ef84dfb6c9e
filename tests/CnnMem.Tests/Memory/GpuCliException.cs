namespace CnnMem.Tests.Memory;

/// <summary>The CLI refused a GPU oracle command line (its exit code and message), or its JSON lacks a compared field.</summary>
public sealed class GpuCliException(string message) : Exception(message);
