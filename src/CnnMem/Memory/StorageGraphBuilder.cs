using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Ops;

namespace CnnMem.Memory;

/// <summary>
/// Maps an inferred graph onto storages, the way PyTorch 1.13 would hold them:
/// 1. inputs, parameters and buffers are static storages; integer shape arithmetic costs nothing;
/// 2. views share their input's storage (Transpose too: PyTorch transposes by strides, and a later reshape of
///    such a view copies); an op that can run in place does so when nothing else reads
///    its input and no earlier op kept that input for backward (the general rule behind torchvision's
///    ReLU(inplace=True), which an ONNX file cannot show); in training an op whose backward needs its input
///    keeps a copy of it (PyTorch clones it), which costs the same as not running in place;
/// 3. in training, each op's <see cref="OpResult.Saved"/> entries become references to storages (kept once
///    however many ops save them) or new extra storages; in inference nothing is kept and dropout is a no-op;
///    decomposed fused ops (LayerNorm, GELU, SiLU) keep what the fused op keeps (<see cref="FusedPatterns"/>), and
///    products keep an operand only when the other one needs a gradient (<see cref="ConditionalSaves"/>);
/// 4. each trainable parameter's gradient is produced by its last reader (the first that backward reaches).
/// </summary>
public static class StorageGraphBuilder
{
    public static StorageGraph Build(InferenceResult inference, MemoryOptions options, bool training)
    {
        // presized: on a large graph, growing these tables was much of the garbage
        var storages = new List<Storage>(inference.Tensors.Count);
        var map = new Dictionary<string, int>(inference.Tensors.Count, StringComparer.Ordinal);
        int Add(string name, long bytes, StorageKind kind, int producer)
        {
            storages.Add(new Storage(storages.Count, name, bytes, kind, producer));
            return storages.Count - 1;
        }

        // 1. static storages
        long inputBytes = 0;
        foreach (var i in inference.Inputs)
        {
            var b = i.Bytes ?? 0;
            inputBytes = checked(inputBytes + b);
            map[i.Name] = Add(i.Name, b, StorageKind.Input, -1);
        }
        var roles = StorageRules.ParamRoles(inference);
        long paramBytes = 0, bufferBytes = 0, trainableBytes = 0, largest = 0;
        var trainableTensors = 0;
        foreach (var (name, (spec, trainable)) in roles.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var bytes = checked(spec.Elements * DTypes.SizeOf(options.MixedPrecision && DTypes.IsFloat(spec.DType) ? DType.Float32 : spec.DType));
            if (spec.IsBuffer)
            {
                bufferBytes = checked(bufferBytes + bytes);
            }
            else
            {
                paramBytes = checked(paramBytes + bytes);
                if (trainable)
                {
                    trainableBytes = checked(trainableBytes + bytes);
                    trainableTensors++;
                    largest = Math.Max(largest, bytes);
                }
            }
            map[name] = Add(name, bytes, spec.IsBuffer ? StorageKind.Buffer : StorageKind.Parameter, -1);
        }
        foreach (var init in inference.Graph.Initializers.Keys.Where(k => !map.ContainsKey(k)))
        {
            map[init] = Add(init, 0, StorageKind.Constant, -1);
        }

        var readers = StorageRules.ReaderCounts(inference);

        var requiresGrad = new HashSet<string>(inference.Tensors.Count, StringComparer.Ordinal);
        foreach (var (name, (spec, trainable)) in roles)
        {
            if (!spec.IsBuffer && trainable)
            {
                requiresGrad.Add(name);
            }
        }
        var fused = training ? FusedPatterns.Find(inference) : ImmutableDictionary<int, FusedSave>.Empty;
        var savedSoFar = new HashSet<int>();
        var strided = new HashSet<string>(StringComparer.Ordinal);
        var nodes = ImmutableArray.CreateBuilder<NodeMemory>(inference.Nodes.Length);
        var shapeArithmetic = new bool[inference.Nodes.Length];
        for (var idx = 0; idx < shapeArithmetic.Length; idx++)
        {
            shapeArithmetic[idx] = StorageRules.IsShapeArithmetic(inference.Nodes[idx]);
        }
        var paramGrads = ParamGradients.ByLastReader(inference, shapeArithmetic, roles, storages, map);
        // per-node scratch, cleared for each node: most nodes allocate one output and keep little, so reusing
        // these (ToImmutable copies only what was added, nothing for an empty list) keeps large graphs linear and light
        var allocates = ImmutableArray.CreateBuilder<int>();
        var extras = ImmutableArray.CreateBuilder<int>();
        var saved = new List<int>();
        var inputStorage = new List<int>();
        var gradInputs = ImmutableArray.CreateBuilder<GradTarget>();
        var gradOutputs = ImmutableArray.CreateBuilder<string>();
        for (var idx = 0; idx < inference.Nodes.Length; idx++)
        {
            var n = inference.Nodes[idx];
            var node = n.Node;
            var result = n.Result;
            if (shapeArithmetic[idx])
            {
                foreach (var o in n.Outputs)
                {
                    map[o.Name] = Add(o.Name, 0, StorageKind.Constant, idx);
                }
                nodes.Add(new NodeMemory(idx, node.Name, node.Op));
                continue;
            }
            inputStorage.Clear();
            foreach (var input in n.Inputs)
            {
                inputStorage.Add(input is not null && map.TryGetValue(input.Name, out var s) ? s : -1);
            }
            var viewOf = result.ViewOfInput ?? (!training && result.IdentityInInference ? 0 : null);
            // PyTorch's transpose is a strided view; reshaping such a view needs a contiguous copy
            if (viewOf is 0 && !result.StridedView && n.Inputs.Length > 0 && n.Inputs[0] is { } vin && strided.Contains(vin.Name))
            {
                viewOf = null;
            }
            if (result.StridedView && n.Outputs.Length > 0)
            {
                strided.Add(n.Outputs[0].Name);
            }
            var in0 = inputStorage.Count > 0 ? inputStorage[0] : -1;
            var inPlace = viewOf is null && in0 >= 0 && storages[in0].Kind == StorageKind.Activation && !savedSoFar.Contains(in0)
                && (node.InPlace || (options.InferInPlace && result.CanRunInPlace && readers.GetValueOrDefault(n.Inputs[0]!.Name) == 1))
                && !(training && result.Saved.Any(s => s.Source == SavedSource.Input && s.Index == 0));

            allocates.Clear();
            for (var k = 0; k < n.Outputs.Length; k++)
            {
                var o = n.Outputs[k];
                if (k == 0 && viewOf is { } v && v < inputStorage.Count && inputStorage[v] >= 0)
                {
                    map[o.Name] = inputStorage[v];
                }
                else if (k == 0 && inPlace)
                {
                    map[o.Name] = in0;
                }
                else
                {
                    // an output nobody reads (ONNX Dropout's mask) is not allocated as a separate tensor
                    var unused = k > 0 && readers.GetValueOrDefault(o.Name) == 0;
                    map[o.Name] = Add(o.Name, unused ? 0 : StorageRules.ElementBytes(o, options, node.Op), StorageKind.Activation, idx);
                    allocates.Add(map[o.Name]);
                }
            }

            extras.Clear();
            saved.Clear();
            if (training && fused.TryGetValue(idx, out var fusedSave))
            {
                foreach (var t in fusedSave.Tensors)
                {
                    if (map.TryGetValue(t, out var id))
                    {
                        saved.Add(id);
                    }
                }
                foreach (var e in fusedSave.Extras)
                {
                    var id = Add(e.Name, StorageRules.ElementBytes(e, options, "LayerNormalization"), StorageKind.SavedExtra, idx);
                    extras.Add(id);
                    saved.Add(id);
                }
            }
            else if (training)
            {
                foreach (var s in result.Saved)
                {
                    if (!ConditionalSaves.Keeps(node.Op, s, n.Inputs, requiresGrad))
                    {
                        continue;
                    }
                    switch (s.Source)
                    {
                        case SavedSource.Input when s.Index < inputStorage.Count && inputStorage[s.Index] >= 0:
                            saved.Add(inputStorage[s.Index]);
                            break;
                        case SavedSource.Output when s.Index < n.Outputs.Length:
                            saved.Add(map[n.Outputs[s.Index].Name]);
                            break;
                        case SavedSource.Extra when s.Shape is { } shape && shape.Elements is { } e:
                            var id = Add($"{node.Name}.{s.What}", checked(e * DTypes.SizeOf(StorageRules.ExtraType(s, options))), StorageKind.SavedExtra, idx);
                            extras.Add(id);
                            saved.Add(id);
                            break;
                    }
                }
                // BatchNorm's backward holds its running statistics by reference (PyTorch counts them as kept)
                if (result.SavesRunningStats)
                {
                    saved.AddRange(result.BufferInputs.Where(b => b < inputStorage.Count && inputStorage[b] >= 0).Select(b => inputStorage[b]));
                    saved.AddRange(n.Params.Where(p => p.IsBuffer && DTypes.IsFloat(p.DType) && map.ContainsKey(p.Name)).Select(p => map[p.Name]));
                }
            }
            // a sorted set per node was most of this loop's garbage: a reused list, sorted and deduplicated once
            saved.Sort();
            StorageRules.DropRepeats(saved);
            foreach (var id in saved)
            {
                savedSoFar.Add(id);
            }

            gradInputs.Clear();
            var anyGrad = false;
            for (var k = 0; k < n.Inputs.Length; k++)
            {
                // each distinct input once (x * x reads x twice but has one gradient)
                if (n.Inputs[k] is not { } i || !requiresGrad.Contains(i.Name) || StorageRules.ReadEarlier(n.Inputs, k))
                {
                    continue;
                }
                anyGrad = true;
                if (!roles.ContainsKey(i.Name) && DTypes.IsFloat(i.DType))
                {
                    gradInputs.Add(new GradTarget(i.Name, StorageRules.ElementBytes(i, options, node.Op)));
                }
            }
            foreach (var p in result.Params)
            {
                if (!p.IsBuffer && node.Trainable)
                {
                    anyGrad = true;
                }
            }
            gradOutputs.Clear();
            if (anyGrad)
            {
                foreach (var o in n.Outputs)
                {
                    if (DTypes.IsFloat(o.DType))
                    {
                        requiresGrad.Add(o.Name);
                        gradOutputs.Add(o.Name);
                    }
                }
            }

            nodes.Add(new NodeMemory(idx, node.Name, node.Op)
            {
                Allocates = allocates.ToImmutable(),
                Extras = extras.ToImmutable(),
                Saved = saved.Count == 0 ? ImmutableArray<int>.Empty : ImmutableArray.CreateRange(saved),
                GradOutputs = gradOutputs.ToImmutable(),
                GradInputs = gradInputs.ToImmutable(),
                PassesGradThrough = viewOf is not null,
                InPlace = inPlace,
                ForwardWorkspace = Workspaces.Forward(n, options, training),
                BackwardWorkspace = training ? Workspaces.Backward(n, options) : 0,
                ParamGrads = paramGrads.GetValueOrDefault(idx, ImmutableArray<GradTarget>.Empty),
            });
        }

        var lastReader = StorageRules.LastForwardReaders(inference, storages, map);
        var held = inference.Graph.Outputs.Where(map.ContainsKey).Select(o => map[o]).ToImmutableHashSet();
        var logits = inference.Outputs.FirstOrDefault(o => DTypes.IsFloat(o.DType) && o.Shape.IsFullyKnown && o.Shape.Rank >= 1);
        var dims = logits?.Shape.ToLongs() ?? Array.Empty<long>();
        return new StorageGraph(storages.ToImmutableArray(), map.AsReadOnly(), nodes.MoveToImmutable(), ImmutableCollectionsMarshal.AsImmutableArray(lastReader), held)
        {
            TrainableParamBytes = trainableBytes,
            TrainableParamTensors = trainableTensors,
            LargestParamBytes = largest,
            ParamBytes = paramBytes,
            BufferBytes = bufferBytes,
            InputBytes = inputBytes,
            LossRows = dims.Length == 0 ? 0 : dims[..^1].Aggregate(1L, (a, d) => checked(a * d)),
            LossClasses = dims.Length == 0 ? 0 : dims[^1],
            LossElementBytes = logits is null ? 4 : DTypes.SizeOf(Precision.ActivationType(logits.DType, "Gemm", options)),
            LossTensor = logits?.Name,
            CastWeightBytes = options.MixedPrecision ? StorageRules.CastWeights(inference, roles.Keys) : 0,
        };
    }
}
