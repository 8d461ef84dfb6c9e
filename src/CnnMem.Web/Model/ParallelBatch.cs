namespace CnnMem.Web.Model;

/// <summary>
/// The largest per-device training micro-batch on several GPUs, from the library's parallel fit (<c>cnnmem fit --gpus</c>),
/// as the page's components take it (they are public, the library's fit result is not).
/// </summary>
/// <param name="Strategy">The <c>--parallel</c> name: ddp, zero1, zero2, zero3, fsdp.</param>
/// <param name="Gpus">Devices.</param>
/// <param name="GradAccum">Micro-batches accumulated per step.</param>
/// <param name="MicroBatch">The largest micro-batch per device (0: not even 1 fits).</param>
/// <param name="GlobalBatch">Devices x micro-batch x accumulation.</param>
/// <param name="BytesAtBatch">Per-device memory at that micro-batch, bytes.</param>
/// <param name="HeadroomBytes">The device's memory left, bytes.</param>
public sealed record ParallelBatch(string Strategy, int Gpus, int GradAccum, long MicroBatch, long GlobalBatch, long BytesAtBatch, long HeadroomBytes);
