using System.Collections.Immutable;

namespace CnnMem.Core;

/// <summary>
/// What one PyTorch optimizer holds and makes, as data (<see cref="OptimizerProfiles"/> is the table; every memory
/// model reads it):
/// - <see cref="StateSlots"/>: the per-parameter state tensors, each made like its parameter
///   (<c>torch.zeros_like(p, memory_format=torch.preserve_format)</c> or <c>torch.clone(grad)</c>): the same dtype,
///   shape and bytes as the parameter, so under autocast (fp32 master weights) fp32;
/// - <see cref="StepTensor"/>: a 0-d float32 <c>step</c> tensor (<see cref="StepTensorBytes"/>) kept per parameter
///   tensor, made on the CPU unless the optimizer is capturable or fused (not modelled), so it shares the device only
///   on a CPU run (<c>FrameworkProfile.OptimizerStepTensorsOnDevice</c>);
/// - the step's temporaries, each named by the expression that makes it: <see cref="ForLoopTemporaries"/> are alive
///   at once for one parameter in <c>_single_tensor_*</c> (the parameters run one after another, so the largest
///   decides); <see cref="ForeachTemporaries"/> are lists alive at once over every parameter in 2.x's
///   <c>_multi_tensor_*</c>, <see cref="Foreach113Temporaries"/> in 1.13's (which made more lists out of place).
///   Everything else updates in place (<c>mul_</c>, <c>add_</c>, <c>addcmul_</c>, <c>addcdiv_</c>, <c>_foreach_*_</c>).
/// </summary>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="StateSlots">The state tensors per parameter, by PyTorch's state key.</param>
/// <param name="StepTensor">Whether a 0-d <c>step</c> tensor is kept per parameter tensor.</param>
/// <param name="ForLoopTemporaries">Parameter-sized temporaries alive at once in the for-loop path.</param>
/// <param name="ForeachTemporaries">Parameter-list-sized temporaries alive at once in PyTorch 2.x's foreach path.</param>
/// <param name="Foreach113Temporaries">The same in PyTorch 1.13's foreach path.</param>
/// <param name="Source">Where in PyTorch the figures are read.</param>
internal sealed record OptimizerProfile(
    Optimizer Optimizer,
    ImmutableArray<string> StateSlots,
    bool StepTensor,
    ImmutableArray<string> ForLoopTemporaries,
    ImmutableArray<string> ForeachTemporaries,
    ImmutableArray<string> Foreach113Temporaries,
    string Source)
{
    /// <summary>A 0-d float32 tensor's bytes (<c>torch.tensor(0.)</c>, <c>torch.zeros((), dtype=_get_scalar_dtype())</c>).</summary>
    public const long StepTensorBytes = 4;

    /// <summary>State tensors per parameter, each the parameter's size.</summary>
    public int Slots => StateSlots.Length;

    /// <summary>
    /// The state of parameters of <paramref name="paramBytes"/> in <paramref name="paramTensors"/> tensors: a buffer per
    /// slot, and where <paramref name="stepTensorsHere"/> the <c>step</c> tensors.
    /// </summary>
    public long StateBytes(long paramBytes, int paramTensors, bool stepTensorsHere) =>
        checked((Slots * paramBytes) + (StepTensor && stepTensorsHere ? StepTensorBytes * paramTensors : 0));

    /// <summary>The for-loop path's temporaries: one parameter at a time, so the largest decides.</summary>
    public long ForLoopTemporaryBytes(long largestParamBytes) => checked(ForLoopTemporaries.Length * largestParamBytes);

    /// <summary>The foreach path's temporaries (PyTorch 1.13's or 2.x's): lists over every parameter at once.</summary>
    public long ForeachTemporaryBytes(long totalParamBytes, bool pyTorch113) => checked(Foreach(pyTorch113).Length * totalParamBytes);

    /// <summary>The step's temporaries on the path the options take.</summary>
    public long StepTemporaryBytes(long largestParamBytes, long totalParamBytes, bool multiTensor, bool pyTorch113) =>
        multiTensor ? ForeachTemporaryBytes(totalParamBytes, pyTorch113) : ForLoopTemporaryBytes(largestParamBytes);

    /// <summary>Temporaries alive at once per parameter on the path: the for-loop path's for one parameter, the foreach path's per list.</summary>
    public int Temporaries(bool multiTensor, bool pyTorch113) => multiTensor ? Foreach(pyTorch113).Length : ForLoopTemporaries.Length;

    private ImmutableArray<string> Foreach(bool pyTorch113) => pyTorch113 ? Foreach113Temporaries : ForeachTemporaries;
}
