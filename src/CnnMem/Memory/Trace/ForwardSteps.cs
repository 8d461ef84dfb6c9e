using CnnMem.Memory.Models;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Trace;

/// <summary>
/// When each storage of a forward pass is made and freed, by step:
/// 1. in training, what any node saves for backward is kept past the forward (with checkpointing, unless its
///    segment drops it: <see cref="CheckpointSegments.Dropped"/>);
/// 2. a transient storage is made by its producer and freed after its last forward reader, unless it is kept or a
///    held graph output; parameters, inputs and empty storages are in no step.
/// </summary>
internal sealed record ForwardSteps(StepLists BornAt, StepLists FreeAt)
{
    public static ForwardSteps Of(StorageGraph g, bool training, CheckpointSegments? checkpoint)
    {
        var saved = Kept(g, training, checkpoint);
        var bornStep = new int[g.Storages.Length];
        var freeStep = new int[g.Storages.Length];
        foreach (var s in g.Storages)
        {
            bornStep[s.Id] = freeStep[s.Id] = -1;
            if (!s.IsTransient || s.Bytes <= 0 || s.Producer < 0)
            {
                continue;
            }
            bornStep[s.Id] = s.Producer;
            if (!g.HeldOutputs.Contains(s.Id) && !saved.Contains(s.Id))
            {
                freeStep[s.Id] = Math.Max(s.Producer, g.LastForwardReader[s.Id]);
            }
        }
        var steps = g.Nodes.Length + 1;
        return new ForwardSteps(new StepLists(steps, bornStep), new StepLists(steps, freeStep));
    }

    private static StorageSet Kept(StorageGraph g, bool training, CheckpointSegments? checkpoint)
    {
        var saved = new StorageSet(training ? g.Storages.Length : 0);
        if (!training)
        {
            return saved;
        }
        foreach (var x in g.Nodes)
        {
            foreach (var id in x.Saved)
            {
                if (checkpoint is null || !checkpoint.Dropped.Contains(id))
                {
                    saved.Add(id);
                }
            }
        }
        return saved;
    }
}
