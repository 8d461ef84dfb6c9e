using CnnMem.Memory.Models;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Trace;

/// <summary>
/// Writes a storage graph's passes as an ordered trace of allocations and frees, step by step, with the same
/// semantics as <see cref="ForwardPass"/> and <see cref="BackwardPass"/> (which compute the requested-bytes peaks
/// directly): forward outputs are allocated by their producer and freed after their last reader (in training,
/// what backward needs stays); kernel workspaces live inside their op; the loss's tensors; backward allocates
/// gradients and frees what each node kept once its last keeper has run. Tensors that are not storages (workspaces,
/// gradients, loss tensors, optimizer state) get ids past the storages'.
/// With activation checkpointing (<see cref="CheckpointSegments"/>) the forward keeps only what the checkpointed
/// segments do not drop, and backward re-runs each checkpointed segment's forward before its first backward node
/// (<see cref="Recompute"/>), as torch.utils.checkpoint does.
/// </summary>
internal sealed class StepTraceBuilder
{
    private readonly StorageGraph g;
    private readonly CheckpointSegments? checkpoint;
    private readonly List<TraceEvent> events;
    private readonly StepLists freeAt;
    private readonly StepLists bornAt;
    private readonly Dictionary<string, (int Id, long Bytes)> paramGrads;
    // requested bytes of what is live: storages by id, the other tensors (gradients, workspaces, loss, optimizer
    // state: fresh ids past the storages') in a dictionary that holds only the live ones
    private readonly long[] storageBytes;
    private readonly Dictionary<int, long> otherBytes = new();
    private readonly Dictionary<int, List<int>> castIds = new();
    private int nextId;

    public StepTraceBuilder(StorageGraph graph, bool training, CheckpointSegments? checkpoint = null)
    {
        g = graph;
        this.checkpoint = checkpoint;
        nextId = g.Storages.Length;
        // training plays its trace while it is written (a chunk of FullAt events at a time); inference keeps its forward
        events = new List<TraceEvent>(training ? DefaultFullAt : checked((g.Storages.Length * 2) + 64));
        storageBytes = new long[g.Storages.Length];
        paramGrads = new Dictionary<string, (int Id, long Bytes)>(g.TrainableParamTensors, StringComparer.Ordinal);
        (bornAt, freeAt) = ForwardSteps.Of(g, training, checkpoint);
    }

    /// <summary>The events written since the start or the last <see cref="ClearEvents"/>.</summary>
    public IReadOnlyList<TraceEvent> Events => events;

    /// <summary>Drops the events written so far (once played); what is live stays known.</summary>
    public void ClearEvents() => events.Clear();

    /// <summary>Called when <see cref="FullAt"/> events are waiting (to play and drop them); null: the events are kept.</summary>
    internal Action<StepTraceBuilder>? WhenFull { get; set; }

    /// <summary>How many waiting events call <see cref="WhenFull"/> (tests make it small to cut phases into many chunks).</summary>
    internal int FullAt { get; set; } = DefaultFullAt;

    internal const int DefaultFullAt = 1 << 16;

    /// <summary>Trainable parameters' gradients that exist (kept by AccumulateGrad), by parameter name.</summary>
    public IReadOnlyDictionary<string, (int Id, long Bytes)> ParamGrads => paramGrads;

    /// <summary>The checkpointed segments re-run so far: the backward node that needed each, and its first and last node.</summary>
    internal List<(int BeforeNode, int Start, int End)> Recomputations { get; } = new();

    /// <summary>The trace step of node <paramref name="node"/>'s re-run forward (after the optimizer step's 2n + 1).</summary>
    internal static int RecomputeStep(int nodes, int node) => (2 * nodes) + 2 + node;

    public int NewId() => nextId++;

    public void Alloc(int id, long size, int step, bool optional = false)
    {
        if (size > 0)
        {
            if (id < storageBytes.Length)
            {
                storageBytes[id] = size;
            }
            else
            {
                otherBytes[id] = size;
            }
            events.Add(new TraceEvent(TraceOp.Alloc, id, size, step, optional));
            if (events.Count >= FullAt && WhenFull is { } full)
            {
                full(this);
            }
        }
    }

    public void Free(int id, int step)
    {
        long size;
        if (id >= 0 && id < storageBytes.Length)
        {
            size = storageBytes[id];
            storageBytes[id] = 0;
        }
        else if (!otherBytes.Remove(id, out size))
        {
            return;
        }
        if (size > 0)
        {
            events.Add(new TraceEvent(TraceOp.Free, id, size, step));
            if (events.Count >= FullAt && WhenFull is { } full)
            {
                full(this);
            }
        }
    }

    /// <summary>The forward pass (steps 0..n-1), plus in training the loss at step n. Returns the ids of the loss's tensors.</summary>
    public LossTensors Forward(bool training)
    {
        for (var i = 0; i < g.Nodes.Length; i++)
        {
            var n = g.Nodes[i];
            CastWeights(n, i, i);
            foreach (var id in bornAt.At(i))
            {
                Alloc(id, g.Storages[id].Bytes, i);
            }
            Workspace(n, i);
            foreach (var id in freeAt.At(i))
            {
                Free(id, i);
            }
        }
        if (!training)
        {
            // leaving autocast clears its cache; without autograd nothing else holds the copies
            DropCastWeights(g.Nodes.Length - 1);
        }
        if (!training || g.LossRows <= 0)
        {
            DropCheckpointedCasts(g.Nodes.Length);
            return new LossTensors(-1, -1, -1);
        }
        var end = g.Nodes.Length;
        var loss = new LossTensors(NewId(), NewId(), NewId());
        Alloc(loss.LogSoftmax, checked(g.LossRows * g.LossClasses * 4), end);
        Alloc(loss.TotalWeight, 4, end);
        Alloc(loss.Loss, 4, end);
        DropCheckpointedCasts(end);
        return loss;
    }

    /// <summary>Autocast's copies of node <paramref name="index"/>'s weights, made before it runs and cached for the rest of the forward.</summary>
    private void CastWeights(NodeMemory node, int index, int step)
    {
        foreach (var w in node.CastWeights)
        {
            var id = NewId();
            Alloc(id, w.Bytes, step);
            (castIds.TryGetValue(index, out var list) ? list : castIds[index] = new List<int>()).Add(id);
        }
    }

    /// <summary>The kernel's forward workspace, alive only inside the op.</summary>
    private void Workspace(NodeMemory node, int step)
    {
        if (node.ForwardWorkspace > 0)
        {
            var ws = NewId();
            Alloc(ws, node.ForwardWorkspace, step, optional: true);
            Free(ws, step);
        }
    }

    /// <summary>
    /// With checkpointing, leaving autocast after the loss (measure_gpu.py computes it inside) clears its cache, and a
    /// checkpointed node's saved copy was dropped: those copies go (the re-run casts them again).
    /// </summary>
    private void DropCheckpointedCasts(int step)
    {
        if (checkpoint is null)
        {
            return;
        }
        for (var i = 0; i < checkpoint.LastStart; i++)
        {
            DropCastWeights(step, i);
        }
    }

    /// <summary>
    /// Re-runs the forward of the checkpointed segment <paramref name="start"/>..<paramref name="end"/>, before the backward of
    /// <paramref name="before"/> (the first of its nodes backward reaches that carries a gradient: the first unpack of a dropped
    /// saved tensor runs the segment again, torch/utils/checkpoint.py's non-reentrant <c>_checkpoint_hook.unpack_hook</c>):
    /// 1. node by node, as in the forward: autocast's casts, each output that is not live (what the forward kept, a
    ///    checkpoint of a later segment or a held output, is still there), the kernel's workspace;
    /// 2. what the segment saves (<see cref="CheckpointSegments.Dropped"/>) stays, and backward frees it after its last keeper;
    /// 3. the rest is freed after its last reader, or at the segment's end when that reader is past it (the re-run's
    ///    copy is read by nothing after the segment).
    /// Its events are at <see cref="RecomputeStep"/>, so a replay's peak and failure name the re-run node.
    /// </summary>
    internal void Recompute(int start, int end, int before)
    {
        Recomputations.Add((before, start, end));
        var n = g.Nodes.Length;
        var frees = new List<int>?[end - start + 1];
        for (var j = start; j <= end; j++)
        {
            var node = g.Nodes[j];
            var step = RecomputeStep(n, j);
            CastWeights(node, j, step);
            foreach (var id in bornAt.At(j))
            {
                if (storageBytes[id] > 0)
                {
                    continue;
                }
                Alloc(id, g.Storages[id].Bytes, step);
                if (!checkpoint!.Dropped.Contains(id))
                {
                    var at = Math.Min(Math.Max(j, g.LastForwardReader[id]), end);
                    (frees[at - start] ??= new List<int>()).Add(id);
                }
            }
            Workspace(node, step);
            foreach (var id in frees[j - start] ?? (IEnumerable<int>)Array.Empty<int>())
            {
                Free(id, step);
            }
        }
    }

    /// <summary>Frees the graph outputs the caller held and the loss scalar (<c>del out, loss</c>).</summary>
    public void DropOutputs(LossTensors loss, int step)
    {
        foreach (var id in g.HeldOutputs)
        {
            Free(id, step);
        }
        Free(loss.Loss, step);
    }

    /// <summary>Backward (steps n+1..2n); with <paramref name="gradsExist"/> new parameter gradients are added into the kept ones and freed.</summary>
    public void Backward(LossTensors loss, bool gradsExist) => new BackwardTraceWriter(this, g, checkpoint).Write(loss, gradsExist, paramGrads);

    /// <summary>Frees the half copies node <paramref name="node"/> cast (its backward, which kept them, has run), or all of them when -1.</summary>
    internal void DropCastWeights(int step, int node = -1)
    {
        // plain loops: a lambda capturing the step would be allocated on every call, and backward calls this per node
        if (castIds.Count == 0)
        {
            return;
        }
        if (node >= 0)
        {
            if (castIds.Remove(node, out var of))
            {
                foreach (var id in of)
                {
                    Free(id, step);
                }
            }
            return;
        }
        foreach (var ids in castIds.Values)
        {
            foreach (var id in ids)
            {
                Free(id, step);
            }
        }
        castIds.Clear();
    }

    /// <summary>Frees the parameters' gradients (zero_grad with set_to_none).</summary>
    public void DropParamGrads(int step)
    {
        foreach (var (_, (id, _)) in paramGrads)
        {
            Free(id, step);
        }
        paramGrads.Clear();
    }
}
