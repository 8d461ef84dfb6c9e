namespace CnnMem.Reports;

/// <summary>One cuDNN call (<c>forward</c>, <c>backward_data</c>, <c>backward_filter</c>): its workspace and whether the table gave it.</summary>
public sealed record CudnnCallUse
{
    /// <summary>The call: <c>forward</c>, <c>backward_data</c> or <c>backward_filter</c>.</summary>
    public required string Direction { get; init; }

    /// <summary>The workspace the call takes, bytes.</summary>
    public required long WorkspaceBytes { get; init; }

    /// <summary>Whether the cuDNN table gave the workspace (false: the fallback rule did).</summary>
    public required bool FromTable { get; init; }
}
