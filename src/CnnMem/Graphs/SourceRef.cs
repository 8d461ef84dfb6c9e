namespace CnnMem.Graphs;

/// <summary>Where a node came from, so errors can point at it: a spec file's line and column, or an ONNX node.</summary>
internal sealed record SourceRef(string File, int Line = 0, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
