using CnnMem.Graphs;

namespace CnnMem.Cli;

/// <summary>An imported graph and whether it is one of cnnmem's built-in networks (which default to batch 64).</summary>
internal sealed record LoadedModel(ModelGraph Graph, bool BuiltIn);
