using CnnMem.Core;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Trace;

/// <summary>
/// One optimizer step as trace events, per parameter tensor (the allocator sees tensors, not totals), from the
/// optimizer's profile (<see cref="OptimizerProfile"/>):
/// 1. the first step creates the state: one buffer per slot, and where the profile keeps them on the device the
///    4-byte <c>step</c> tensors (PyTorch keeps them on the CPU unless capturable: not on a CUDA device);
/// 2. the temporaries: the single-tensor (for-loop) path makes its temporaries one parameter at a time; the foreach
///    path makes its lists over every parameter at once (<c>_foreach_sqrt</c>, alive together; which lists each
///    version makes: <see cref="OptimizerModel.Temporaries"/>), then updates in place.
/// </summary>
internal sealed class OptimizerTrace(MemoryOptions options)
{
    private readonly Dictionary<string, int[]> state = new(StringComparer.Ordinal);
    private readonly OptimizerProfile optimizer = OptimizerModel.Profile(options);
    private readonly bool multiTensor = options.EffectiveForeach;
    private readonly bool hasStepTensor = options.Profile.OptimizerStepTensorsOnDevice && OptimizerModel.Profile(options).StepTensor;
    private readonly int temporaries = OptimizerModel.Temporaries(options);

    public void Step(StepTraceBuilder t, IReadOnlyList<(string Name, long Bytes)> parameters, int step)
    {
        state.EnsureCapacity(parameters.Count);
        foreach (var (name, bytes) in parameters)
        {
            if (state.ContainsKey(name))
            {
                continue;
            }
            var ids = new int[optimizer.Slots + (hasStepTensor ? 1 : 0)];
            for (var k = 0; k < ids.Length; k++)
            {
                ids[k] = t.NewId();
                t.Alloc(ids[k], k < optimizer.Slots ? bytes : OptimizerProfile.StepTensorBytes, step);
            }
            state[name] = ids;
        }
        if (temporaries == 0)
        {
            return;
        }
        if (multiTensor)
        {
            // each list over every parameter, the lists alive together
            var temps = Enumerable.Range(0, temporaries).SelectMany(_ => parameters.Select(p => (Id: t.NewId(), p.Bytes))).ToList();
            temps.ForEach(x => t.Alloc(x.Id, x.Bytes, step));
            temps.ForEach(x => t.Free(x.Id, step));
            return;
        }
        foreach (var (_, bytes) in parameters)
        {
            var temps = Enumerable.Range(0, temporaries).Select(_ => t.NewId()).ToList();
            temps.ForEach(id => t.Alloc(id, bytes, step));
            temps.ForEach(id => t.Free(id, step));
        }
    }
}
