namespace CnnMem.Cli;

/// <summary>One spec keyword family as <c>cnnmem ops --format json</c> lists it: keywords, the usage line and each argument.</summary>
internal sealed record SpecSyntaxInfo(IReadOnlyList<string> Keywords, string Usage, IReadOnlyList<SpecArgInfo> Arguments);
