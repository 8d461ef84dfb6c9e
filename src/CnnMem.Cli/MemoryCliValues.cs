namespace CnnMem.Cli;

/// <summary>The framework-model options as the user typed them (null: not given; --framework and --backend: the library's defaults), before <see cref="MemoryCliOptions.Create"/> checks them.</summary>
internal sealed record MemoryCliValues
{
    public string Framework { get; init; } = MemoryCliOptions.DefaultFramework;

    public string Backend { get; init; } = MemoryCliOptions.DefaultBackend;

    public string? Mkldnn { get; init; }

    public bool NoMkldnn { get; init; }

    public string? Threads { get; init; }

    public bool Mixed { get; init; }

    public string? AmpDType { get; init; }

    public string? Checkpoint { get; init; }

    public string? Alignment { get; init; }

    public string? CudaContext { get; init; }

    public string? WorkspaceLimit { get; init; }

    public string? ZeroGrad { get; init; }

    public bool Foreach { get; init; }

    public bool NoForeach { get; init; }

    public bool ExpandableSegments { get; init; }

    public bool CudnnBenchmark { get; init; }

    public bool ChannelsLast { get; init; }

    public string? CudnnTable { get; init; }

    public string? CudnnArch { get; init; }
}
