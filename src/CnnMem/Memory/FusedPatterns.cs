using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;

namespace CnnMem.Memory;

/// <summary>
/// Exporters decompose ops PyTorch runs fused; autograd keeps what the fused op keeps, not what each piece would:
/// - LayerNorm = ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div (then Mul/Add by weight and bias): keeps its
///   input and a float mean and rstd per normalized row;
/// - GELU = Div (or Mul) by a constant, Erf, Add 1, Mul by the input, Mul by 0.5: keeps its input;
/// - SiLU / HardSwish = x * Sigmoid(x) / x * HardSigmoid(x): keeps its input;
/// - attention (profiles with fused attention, PyTorch 2.x's scaled_dot_product_attention) = MatMul(q, kT), an
///   optional scale, Softmax, an optional Dropout, MatMul(probabilities, v): in training the fused kernel never
///   materializes the scores or the probabilities (nor their gradients) and keeps q, k, v, its output and a float32
///   log-sum-exp per row; in inference nn.MultiheadAttention's fast path materializes them (measured: ViT's inference
///   peak equals the unfused figure to the byte);
/// - linear on a batch of rows of any rank = MatMul then Add of the bias initializer: PyTorch adds the bias in place
///   (<c>output.add_(bias)</c>), so the Add writes the MatMul's storage and keeps nothing;
/// - avg_pool2d(padding=p, count_include_pad=True) = Pad (constant zeros) then AveragePool without pads (ONNX before
///   opset 19 cannot count the padding in): keeps its unpadded input, not the padded copy.
/// <see cref="Find"/> returns, per node index, what that node keeps instead of its rule's list (empty for the
/// inner nodes, the fused op's tensors on the last one). In inference an element-wise activation's gate (SiLU's Sigmoid,
/// HardSwish's HardSigmoid) costs nothing: the activation kernel computes it per element and never materializes it
/// (efficientnet's SiLU exported as Sigmoid and Mul); nor do LayerNorm's and GELU's pieces: one kernel allocates only the
/// output (and LayerNorm's mean and rstd), measured on convnext_tiny and vit_b_16 (whose peaks had been matched by these
/// pieces standing in for module arguments held until their call returns, <see cref="ModuleScopes"/>).
/// </summary>
internal static class FusedPatterns
{
    public static ImmutableDictionary<int, FusedSave> Find(InferenceResult inference, bool fusedAttention = false)
    {
        var nodes = inference.Nodes;
        if (!HasAnchor(nodes, fusedAttention))
        {
            return ImmutableDictionary<int, FusedSave>.Empty; // no pattern can start here: skip the tensor maps
        }
        // presized (every tensor at most once): growing them was most of this pass's garbage on large graphs
        var producer = new Dictionary<string, int>(inference.Tensors.Count, StringComparer.Ordinal);
        // per tensor: how many nodes read it and the first of them (only a sole reader matters)
        var readers = new Dictionary<string, (int Count, int First)>(inference.Tensors.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var o in nodes[i].Node.Outputs)
            {
                producer[o] = i;
            }
            foreach (var name in nodes[i].Node.Inputs)
            {
                if (name.Length > 0)
                {
                    readers[name] = readers.TryGetValue(name, out var r) ? (r.Count + 1, r.First) : (1, i);
                }
            }
        }
        int? Producer(string t, string op) => producer.TryGetValue(t, out var p) && nodes[p].Node.Op == op ? p : null;
        int? OnlyReader(int node, string op)
        {
            var outName = nodes[node].Node.Outputs[0];
            return readers.TryGetValue(outName, out var r) && r.Count == 1 && nodes[r.First].Node.Op == op ? r.First : null;
        }

        var result = new Dictionary<int, FusedSave>();
        void Fuse(IReadOnlyList<int> inner, int last, FusedSave keep, bool elementwise = false, bool never = false)
        {
            foreach (var i in inner)
            {
                result[i] = new FusedSave(ImmutableArray<string>.Empty, ImmutableArray<TensorInfo>.Empty) { Inner = elementwise, NeverMaterialized = never };
            }
            result[last] = keep;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i].Node;
            // LayerNorm: Div(d, Sqrt(Add(ReduceMean(Pow(d)), eps))) with d = Sub(x, ReduceMean(x))
            if (n.Op == "Div" && n.Inputs.Length == 2 && Producer(n.Inputs[0], "Sub") is { } sub && Producer(n.Inputs[1], "Sqrt") is { } sqrt
                && Producer(nodes[sub].Node.Inputs[1], "ReduceMean") is { } mean && nodes[mean].Node.Inputs[0] == nodes[sub].Node.Inputs[0]
                && Producer(nodes[sqrt].Node.Inputs[0], "Add") is { } addEps && Producer(nodes[addEps].Node.Inputs[0], "ReduceMean") is { } var
                && Producer(nodes[var].Node.Inputs[0], "Pow") is { } pow)
            {
                var x = nodes[sub].Node.Inputs[0];
                var stats = nodes[mean].Outputs[0];
                var chain = new List<int> { mean, sub, pow, var, addEps, sqrt };
                var last = i;
                foreach (var op in new[] { "Mul", "Add" })
                {
                    if (OnlyReader(last, op) is { } next)
                    {
                        chain.Add(last);
                        last = next;
                    }
                }
                var stat = new TensorInfo($"{n.Name}.stat", DType.Float32, stats.Shape);
                Fuse(chain, last, new FusedSave(ImmutableArray.Create(x), ImmutableArray.Create(stat with { Name = $"{n.Name}.mean" }, stat with { Name = $"{n.Name}.rstd" })), elementwise: true);
            }
            // GELU: Erf(x / c) -> Add 1 -> Mul x -> Mul 0.5 (the multiplications in either order)
            if (n.Op == "Erf" && (Producer(n.Inputs[0], "Div") ?? Producer(n.Inputs[0], "Mul")) is { } scale
                && OnlyReader(i, "Add") is { } add1 && OnlyReader(add1, "Mul") is { } mul1)
            {
                var x = nodes[scale].Node.Inputs[0];
                var chain = new List<int> { scale, i, add1 };
                var last = mul1;
                if (OnlyReader(mul1, "Mul") is { } mul2)
                {
                    chain.Add(mul1);
                    last = mul2;
                }
                Fuse(chain, last, new FusedSave(ImmutableArray.Create(x), ImmutableArray<TensorInfo>.Empty), elementwise: true);
            }
            // SiLU / HardSwish: Mul(x, Sigmoid(x)) or Mul(x, HardSigmoid(x))
            if (n.Op == "Mul" && n.Inputs.Length == 2)
            {
                for (var k = 0; k < 2; k++)
                {
                    if ((Producer(n.Inputs[k], "Sigmoid") ?? Producer(n.Inputs[k], "HardSigmoid")) is { } gate
                        && nodes[gate].Node.Inputs[0] == n.Inputs[1 - k] && OnlyReader(gate, "Mul") == i)
                    {
                        Fuse(new[] { gate }, i, new FusedSave(ImmutableArray.Create(n.Inputs[1 - k]), ImmutableArray<TensorInfo>.Empty), elementwise: true);
                    }
                }
            }
            // Attention: Softmax(scale(MatMul(q, kT))) -> [Dropout] -> MatMul(., v), all sole readers
            if (fusedAttention && n.Op == "Softmax" && n.Inputs.Length == 1 && nodes[i].Outputs[0].Shape is { IsFullyKnown: true, Rank: >= 2 } scores)
            {
                var scaling = Producer(n.Inputs[0], "Mul") ?? Producer(n.Inputs[0], "Div");
                var qk = Producer(scaling is { } sc ? nodes[sc].Node.Inputs[0] : n.Inputs[0], "MatMul");
                var drop = OnlyReader(i, "Dropout");
                var pv = OnlyReader(drop ?? i, "MatMul");
                if (qk is { } m1 && pv is { } m2 && nodes[m2].Node.Inputs[0] == nodes[drop ?? i].Node.Outputs[0]
                    && readers.TryGetValue(nodes[m1].Node.Outputs[0], out var r1) && r1.Count == 1)
                {
                    var inner = new List<int> { m1 };
                    if (scaling is { } s1)
                    {
                        inner.Add(s1);
                    }
                    inner.Add(i);
                    if (drop is { } d)
                    {
                        inner.Add(d);
                    }
                    var dims = scores.ToLongs();
                    var lse = new TensorInfo($"{nodes[m2].Node.Name}.logsumexp", DType.Float32, Shape.Of(dims[..^1]));
                    var kept = ImmutableArray.Create(nodes[m1].Node.Inputs[0], nodes[m1].Node.Inputs[1], nodes[m2].Node.Inputs[1], nodes[m2].Node.Outputs[0]);
                    Fuse(inner, m2, new FusedSave(kept, ImmutableArray.Create(lse)), never: true);
                }
            }
            // Linear with a bias: Add(MatMul(x, W), b) with b an initializer is F.linear's matmul then add_ in place
            if (n.Op == "Add" && n.Inputs.Length == 2 && !result.ContainsKey(i))
            {
                for (var k = 0; k < 2; k++)
                {
                    if (Producer(n.Inputs[k], "MatMul") is { } mm && OnlyReader(mm, "Add") == i && inference.Graph.Initializers.ContainsKey(n.Inputs[1 - k]))
                    {
                        result[i] = new FusedSave(ImmutableArray<string>.Empty, ImmutableArray<TensorInfo>.Empty) { InPlaceInput = k };
                    }
                }
            }
            // Padded average pooling: Pad(x, zeros) read only by an AveragePool
            if (n.Op == "AveragePool" && n.Inputs.Length >= 1 && Producer(n.Inputs[0], "Pad") is { } pad
                && OnlyReader(pad, "AveragePool") == i && IsZeroConstantPad(nodes[pad]))
            {
                Fuse(new[] { pad }, i, new FusedSave(ImmutableArray.Create(nodes[pad].Node.Inputs[0]), ImmutableArray<TensorInfo>.Empty));
            }
        }
        return result.ToImmutableDictionary();
    }

    /// <summary>A Pad in constant mode whose fill is absent or a known zero (the padding a window op would add itself).</summary>
    private static bool IsZeroConstantPad(NodeInference pad)
    {
        var mode = pad.Node.Attributes.Str("mode", "constant");
        if (mode != "constant")
        {
            return false;
        }
        if (pad.Inputs.Length < 3 || pad.Inputs[2] is null)
        {
            return pad.Node.Attributes.Float("value", 0) == 0;
        }
        return pad.Inputs[2]!.Value is { } v && (v.Reals?.All(r => r == 0) ?? v.Ints?.All(x => x == 0) ?? false);
    }

    /// <summary>Whether some node is the op a pattern above is anchored on (a network without one has nothing to fuse).</summary>
    private static bool HasAnchor(System.Collections.Immutable.ImmutableArray<NodeInference> nodes, bool fusedAttention)
    {
        foreach (var n in nodes)
        {
            if (n.Node.Op is "Div" or "Erf" or "Mul" or "AveragePool" or "MatMul" || (fusedAttention && n.Node.Op == "Softmax"))
            {
                return true;
            }
        }
        return false;
    }
}
