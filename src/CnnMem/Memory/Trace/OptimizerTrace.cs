using CnnMem.Core;

namespace CnnMem.Memory.Trace;

/// <summary>
/// One optimizer step as trace events, per parameter tensor (the allocator sees tensors, not totals):
/// 1. the first step creates the state: one buffer per slot (momentum and RMSprop 1, Adam/AdamW 2, Adagrad 1), and
///    where the profile keeps them on the device Adam's, AdamW's and Adagrad's 4-byte <c>step</c> tensors
///    (PyTorch keeps them on the CPU unless capturable: not on a CUDA device);
/// 2. the temporaries: the single-tensor (for-loop) path makes Adam's <c>sqrt</c> and <c>div</c> (2x) or
///    RMSprop's/Adagrad's <c>sqrt</c> (1x) one parameter at a time; the foreach path makes the <c>sqrt</c> of every
///    parameter at once (<c>_foreach_sqrt</c>), then updates in place. SGD and momentum update in place.
/// </summary>
internal sealed class OptimizerTrace(Optimizer optimizer, bool multiTensor, bool stepTensorsOnDevice)
{
    private readonly Dictionary<string, int[]> state = new(StringComparer.Ordinal);

    public static int Slots(Optimizer o) => o switch
    {
        Optimizer.Momentum or Optimizer.RmsProp or Optimizer.Adagrad => 1,
        Optimizer.Adam or Optimizer.AdamW => 2,
        _ => 0,
    };

    private bool HasStepTensor => stepTensorsOnDevice && optimizer is Optimizer.Adam or Optimizer.AdamW or Optimizer.Adagrad;

    private int Temporaries => optimizer switch
    {
        Optimizer.Adam or Optimizer.AdamW => multiTensor ? 1 : 2,
        Optimizer.RmsProp or Optimizer.Adagrad => 1,
        _ => 0,
    };

    public void Step(StepTraceBuilder t, IReadOnlyList<(string Name, long Bytes)> parameters, int step)
    {
        state.EnsureCapacity(parameters.Count);
        foreach (var (name, bytes) in parameters)
        {
            if (state.ContainsKey(name))
            {
                continue;
            }
            var ids = new int[Slots(optimizer) + (HasStepTensor ? 1 : 0)];
            for (var k = 0; k < ids.Length; k++)
            {
                ids[k] = t.NewId();
                t.Alloc(ids[k], k < Slots(optimizer) ? bytes : 4, step);
            }
            state[name] = ids;
        }
        if (Temporaries == 0)
        {
            return;
        }
        if (multiTensor)
        {
            var temps = parameters.Select(p => (Id: t.NewId(), p.Bytes)).ToList();
            temps.ForEach(x => t.Alloc(x.Id, x.Bytes, step));
            temps.ForEach(x => t.Free(x.Id, step));
            return;
        }
        foreach (var (_, bytes) in parameters)
        {
            var temps = Enumerable.Range(0, Temporaries).Select(_ => t.NewId()).ToList();
            temps.ForEach(id => t.Alloc(id, bytes, step));
            temps.ForEach(id => t.Free(id, step));
        }
    }
}
