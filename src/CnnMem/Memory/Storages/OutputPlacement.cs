using System.Collections.Immutable;
using CnnMem.Ops;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Storages;

/// <summary>
/// Step 2 of <see cref="StorageGraphBuilder"/>, per node: where its outputs live.
/// 1. a view shares its input's storage (transpose is a strided view; a reshape of one copies);
/// 2. an op that can run in place does so when nothing else reads its input and no earlier op kept that input
///    for backward (torchvision's ReLU(inplace=True), which an ONNX file cannot show), or where a fused pattern says
///    PyTorch writes in place (linear's bias <c>add_</c>); in training an op whose
///    backward needs its input keeps a copy of it, which costs the same as not running in place;
/// 3. any other output is a new storage in the type autocast runs it in; an output nobody reads (ONNX Dropout's
///    mask) costs nothing, nor in inference does an inner piece of a decomposed fused op (<see cref="FusedPatterns"/>).
/// </summary>
internal static class OutputPlacement
{
    internal static (int? ViewOf, bool InPlace) Place(BuildState s, int idx, List<int> inputStorage, ImmutableArray<int>.Builder allocates)
    {
        var n = s.Inference.Nodes[idx];
        var result = n.Result;
        var viewOf = result.ViewOfInput ?? (!s.Training && result.IdentityInInference ? 0 : null);
        if (viewOf is 0 && !result.StridedView && n.Inputs.Length > 0 && n.Inputs[0] is { } vin && s.Strided.Contains(vin.Name))
        {
            viewOf = null;
        }
        if (result.StridedView && n.Outputs.Length > 0)
        {
            s.Strided.Add(n.Outputs[0].Name);
        }
        // the input an in-place op writes: input 0, or the one a fused pattern names (a bias Add's matmul output)
        var fusedTarget = s.Fused.TryGetValue(idx, out var fused) ? fused.InPlaceInput : null;
        var target = fusedTarget ?? 0;
        var in0 = inputStorage.Count > target ? inputStorage[target] : -1;
        var inPlace = viewOf is null && in0 >= 0 && s.Storages[in0].Kind == StorageKind.Activation && !s.SavedSoFar.Contains(in0)
            && (n.Node.InPlace || fusedTarget is not null || (s.Options.InferInPlace && result.CanRunInPlace && s.Index.Uses(n.Inputs[0]!.Name) == 1))
            && !(s.Training && result.Saved.Any(x => x.Source == SavedSource.Input && x.Index == target));

        s.Precision.Decide(n, s.ParamNames);
        allocates.Clear();
        for (var k = 0; k < n.Outputs.Length; k++)
        {
            var o = n.Outputs[k];
            if (k == 0 && viewOf is { } v && v < inputStorage.Count && inputStorage[v] >= 0)
            {
                s.Map[o.Name] = inputStorage[v];
            }
            else if (k == 0 && inPlace)
            {
                s.Map[o.Name] = in0;
            }
            else
            {
                // an output nobody reads, or (inference) an inner piece of a decomposed fused op, is never materialized
                var unused = (k > 0 && s.Index.Uses(o.Name) == 0) || (s.Fused.TryGetValue(idx, out var f) && (s.Training ? f.NeverMaterialized : f.Inner));
                s.Map[o.Name] = s.Add(o.Name, unused ? 0 : s.Precision.Bytes(o), StorageKind.Activation, idx);
                allocates.Add(s.Map[o.Name]);
            }
        }
        return (viewOf, inPlace);
    }
}
