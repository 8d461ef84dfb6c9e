namespace CnnMem.Cli;

/// <summary>One argument of a spec keyword as <c>cnnmem ops --format json</c> lists it.</summary>
internal sealed record SpecArgInfo(string Name, string Kind, bool Positional, bool Required, string Help);
