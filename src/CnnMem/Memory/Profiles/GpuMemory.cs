namespace CnnMem.Memory.Profiles;

/// <summary>
/// One GPU of <see cref="DeviceTable"/>: the bytes CUDA reports as the device's total memory
/// (<c>torch.cuda.get_device_properties(0).total_memory</c>, <c>cudaMemGetInfo</c>'s total, PyTorch's "total capacity"
/// in an out-of-memory message), the card's size as sold ("24 GiB"; the H200 is sold as "141 GB") and where the
/// figure comes from, and its architecture (compute capability as <c>sm_XY</c>, from NVIDIA's CUDA GPU list).
/// </summary>
internal sealed record GpuMemory(long Bytes, string Nominal, string Source, string Arch);
