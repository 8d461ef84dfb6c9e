using System.Collections.Immutable;
using CnnMem.Core;

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
            var shape = c.Get("batch_input_shape") ?? c.Get("batch_shape") ?? (config.Kind == System.Text.Json.JsonValueKind.Object ? config.Get("build_input_shape") : null)
                ?? throw new CnnMemException($"{config.Source}: {first.Path}.config: the first layer of a Sequential model needs 'batch_input_shape' (or an InputLayer before it); cnnmem cannot analyse a model that was never built");
            inputs.Add(new KerasInput(c.Text("name", "layer") + "_input", c, shape));
        }
        var calls = ImmutableArray.CreateBuilder<KerasCall>(layers.Count);
        var previous = inputs[0].Name;
        foreach (var l in layers)
        {
            var c = l.Require("config");
            var call = new KerasCall(c, l.Require("class_name").Str(), c.Text("name", l.Text("name", $"layer_{calls.Count}")), 0, [previous]);
            calls.Add(call);
            previous = call.Output;
        }
        return new KerasTopology(name, inputs.ToImmutable(), calls.ToImmutable(), [previous]);
    }

    private static KerasTopology Functional(string name, JsonAt config)
    {
        var inputs = ImmutableArray.CreateBuilder<KerasInput>();
        var calls = ImmutableArray.CreateBuilder<KerasCall>();
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
            var k = 0;
            foreach (var node in (l.Get("inbound_nodes") ?? throw new CnnMemException($"{l.Source}: {l.Path}: missing 'inbound_nodes'")).Items())
            {
                calls.Add(new KerasCall(c, cls, layerName, k++, Inbound(node)));
            }
        }
        return new KerasTopology(name, inputs.ToImmutable(), calls.ToImmutable(), Refs(config.Require("output_layers")));
    }

    /// <summary>The tensors one call reads: Keras 2's list of [layer, node, tensor, kwargs], or Keras 3's keras tensors in args.</summary>
    private static ImmutableArray<string> Inbound(JsonAt node)
    {
        if (node.Kind == System.Text.Json.JsonValueKind.Array)
        {
            return node.Items().Select(Ref).ToImmutableArray();
        }
        var found = ImmutableArray.CreateBuilder<string>();
        KerasTensors(node.Require("args"), found);
        if (found.Count == 0)
        {
            throw new CnnMemException($"{node.Source}: {node.Path}.args: found no input tensor (__keras_tensor__)");
        }
        return found.ToImmutable();
    }

    private static void KerasTensors(JsonAt value, ImmutableArray<string>.Builder found)
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

    /// <summary><c>[layer, node, tensor(, kwargs)]</c> as a tensor name; only a layer's first output tensor is supported.</summary>
    private static string Ref(JsonAt r)
    {
        var layer = r.At(0).Str();
        var call = r.Count > 1 ? r.At(1).Int() : 0;
        var tensor = r.Count > 2 ? r.At(2).Int() : 0;
        if (tensor != 0)
        {
            throw new CnnMemException($"{r.Source}: {r.Path}: reads output {tensor} of layer '{layer}'; cnnmem supports layers with one output only");
        }
        return KerasCall.TensorName(layer, call);
    }

    /// <summary><c>input_layers</c> / <c>output_layers</c>: a list of references, or one reference (Keras 3 with a single tensor).</summary>
    private static ImmutableArray<string> Refs(JsonAt list) =>
        list.Count > 0 && list.At(0).Kind == System.Text.Json.JsonValueKind.String ? [Ref(list)] : list.Items().Select(Ref).ToImmutableArray();
}
