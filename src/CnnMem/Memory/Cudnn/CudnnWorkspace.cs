namespace CnnMem.Memory.Cudnn;

/// <summary>A convolution call's workspace in bytes and whether the table gave it (false: <see cref="CudnnWorkspaces"/>' rule).</summary>
internal readonly record struct CudnnWorkspace(long Bytes, bool FromTable);
