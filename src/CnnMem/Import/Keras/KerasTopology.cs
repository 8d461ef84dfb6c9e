using System.Collections.Immutable;

namespace CnnMem.Import.Keras;

/// <summary>
/// A Keras model's layers as calls wired by tensor names.
/// 1. <c>Sequential</c>: the layers in order, each reading the previous one's output; the input is an
///    <c>InputLayer</c> entry, or the first layer's <c>batch_input_shape</c> (Keras 2, TensorFlow.js) or the
///    model's <c>build_input_shape</c> (Keras 3).
/// 2. <c>Functional</c> / <c>Model</c>: each layer's <c>inbound_nodes</c>, one entry per call, in Keras 2's
///    form (<c>[[["conv", 0, 0, {}], ...]]</c>) or Keras 3's (<c>{"args": [{"class_name": "__keras_tensor__",
///    "config": {"keras_history": ["conv", 0, 0]}}]}</c>); <c>input_layers</c> and <c>output_layers</c>.
/// </summary>
internal sealed record KerasTopology(string Name, ImmutableArray<KerasInput> Inputs, ImmutableArray<KerasCall> Calls, ImmutableArray<string> Outputs)
{
    public static KerasTopology Read(JsonAt model)
    {
        var cls = model.Require("class_name").Str();
        var config = model.Require("config");
        var name = config.Kind == System.Text.Json.JsonValueKind.Object ? config.Text("name", "model") : "model";
        return cls switch
        {
            "Sequential" => Sequential(name, config),
            "Functional" or "Model" => Functional(name, config),
            _ => throw new CnnMemException($"{model.Source}: {model.Path}.class_name: expected a Keras model (Sequential, Functional or Model), found '{cls}'"),
        };
    }

    private static KerasTopology Sequential(string name, JsonAt config)
    {
        // Keras 2.0-2.2 wrote the layer list itself as the config.
        var layers = (config.Kind == System.Text.Json.JsonValueKind.Array ? config : config.Require("layers")).Items().ToList();
        if (layers.Count == 0)
        {
            throw new CnnMemException($"{config.Source}: {config.Path}: the Sequential model has no layers");
        }
        var inputs = ImmutableArray.CreateBuilder<KerasInput>();
        var first = layers[0];
        if (first.Require("class_name").Str() == "InputLayer")
        {
            var c = first.Require("config");
            inputs.Add(new KerasInput(c.Text("name", first.Text("name", "input")), c));
            layers.RemoveAt(0);
        }
        else
        {
            var c = first.Require("config");
            // a model used as a layer needs no shape of its own; the importer asks for one for the outer model's inputs
            var shape = c.Get("batch_input_shape") ?? c.Get("batch_shape") ?? (config.Kind == System.Text.Json.JsonValueKind.Object ? config.Get("build_input_shape") : null);
            inputs.Add(new KerasInput(c.Text("name", "layer") + "_input", c, shape));
        }
        var calls = ImmutableArray.CreateBuilder<KerasCall>(layers.Count);
        var previous = inputs[0].Name;
        foreach (var l in layers)
        {
            var c = l.Require("config");
            var call = new KerasCall(l, c, l.Require("class_name").Str(), c.Text("name", l.Text("name", $"layer_{calls.Count}")), 0, [previous]);
            calls.Add(call);
            previous = call.Output;
        }
        return new KerasTopology(name, inputs.ToImmutable(), calls.ToImmutable(), [previous]);
    }

    private static KerasTopology Functional(string name, JsonAt config)
    {
        var inputs = ImmutableArray.CreateBuilder<KerasInput>();
        var layers = new List<(JsonAt Layer, JsonAt Config, string Class, string Name, List<ImmutableArray<(string Layer, long Node)>> Calls)>();
        foreach (var l in config.Require("layers").Items())
        {
            var cls = l.Require("class_name").Str();
            var c = l.Require("config");
            var layerName = l.Get("name")?.Str() ?? c.Require("name").Str();
            if (cls == "InputLayer")
            {
                inputs.Add(new KerasInput(layerName, c));
                continue;
            }
            var nodes = (l.Get("inbound_nodes") ?? throw new CnnMemException($"{l.Source}: {l.Path}: missing 'inbound_nodes'")).Items().Select(Inbound).ToList();
            layers.Add((l, c, cls, layerName, nodes));
        }
        var outputs = Refs(config.Require("output_layers"));
        var resolve = NodeIndexing(layers.Select(l => (l.Name, l.Calls.Count)), layers.SelectMany(l => l.Calls.SelectMany(c => c)).Concat(outputs));
        var calls = layers.SelectMany(l => l.Calls.Select((refs, k) => new KerasCall(l.Layer, l.Config, l.Class, l.Name, k, refs.Select(resolve).ToImmutableArray())));
        return new KerasTopology(name, inputs.ToImmutable(), calls.ToImmutableArray(), outputs.Select(resolve).ToImmutableArray());
    }

    /// <summary>
    /// Tensor names for [layer, node] references. Keras numbers a nested model's calls from 1 when the model has its
    /// own first node (built on an Input) that the file leaves out; so does TensorFlow.js. A layer whose references
    /// reach one past its listed calls is numbered that way.
    /// </summary>
    private static Func<(string Layer, long Node), string> NodeIndexing(IEnumerable<(string Name, int Calls)> layers, IEnumerable<(string Layer, long Node)> refs)
    {
        var count = layers.ToDictionary(l => l.Name, l => l.Calls, StringComparer.Ordinal);
        var shifted = refs.Where(r => count.TryGetValue(r.Layer, out var n) && n > 0 && r.Node == n).Select(r => r.Layer).ToHashSet(StringComparer.Ordinal);
        return r => KerasCall.TensorName(r.Layer, shifted.Contains(r.Layer) ? r.Node - 1 : r.Node);
    }

    /// <summary>The tensors one call reads: Keras 2's list of [layer, node, tensor, kwargs], or Keras 3's keras tensors in args.</summary>
    private static ImmutableArray<(string Layer, long Node)> Inbound(JsonAt node)
    {
        if (node.Kind == System.Text.Json.JsonValueKind.Array)
        {
            return node.Count > 0 ? node.Items().Select(Ref).ToImmutableArray() : throw node.Error("a call's input tensors ([layer, node, tensor], ...)");
        }
        var found = ImmutableArray.CreateBuilder<(string, long)>();
        KerasTensors(node.Require("args"), found);
        if (found.Count == 0)
        {
            throw new CnnMemException($"{node.Source}: {node.Path}.args: found no input tensor (__keras_tensor__)");
        }
        return found.ToImmutable();
    }

    private static void KerasTensors(JsonAt value, ImmutableArray<(string, long)>.Builder found)
    {
        if (value.Kind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var i in value.Items())
            {
                KerasTensors(i, found);
            }
        }
        else if (value.Kind == System.Text.Json.JsonValueKind.Object && value.Get("class_name")?.Str() == "__keras_tensor__")
        {
            found.Add(Ref(value.Require("config").Require("keras_history")));
        }
    }

    /// <summary><c>[layer, node, tensor(, kwargs)]</c>; only a layer's first output tensor is supported.</summary>
    private static (string Layer, long Node) Ref(JsonAt r)
    {
        var layer = r.At(0).Str();
        var call = r.Count > 1 ? r.At(1).Int() : 0;
        var tensor = r.Count > 2 ? r.At(2).Int() : 0;
        if (tensor != 0)
        {
            throw new CnnMemException($"{r.Source}: {r.Path}: reads output {tensor} of layer '{layer}'; cnnmem supports layers with one output only");
        }
        return (layer, call);
    }

    /// <summary><c>input_layers</c> / <c>output_layers</c>: a list of references, or one reference (Keras 3 with a single tensor).</summary>
    private static ImmutableArray<(string Layer, long Node)> Refs(JsonAt list) =>
        list.Count > 0 && list.At(0).Kind == System.Text.Json.JsonValueKind.String ? [Ref(list)] : list.Items().Select(Ref).ToImmutableArray();
}
