namespace CnnMem.Reports;

/// <summary>One cuDNN call (<c>forward</c>, <c>backward_data</c>, <c>backward_filter</c>): its workspace and whether the table gave it.</summary>
public sealed record CudnnCallUse(string Direction, long WorkspaceBytes, bool FromTable);
