using System.Collections.Frozen;
using CnnMem.Graphs;

namespace CnnMem.Import.Keras;

/// <summary>Keras activation names (the <c>activation</c> argument and the <c>Activation</c> layer) as canonical ops.</summary>
internal static class KerasActivations
{
    private static readonly FrozenDictionary<string, (string Op, string Domain)> Ops = new Dictionary<string, (string, string)>
    {
        ["relu"] = ("Relu", ""),
        ["relu6"] = ("Relu6", "cnnmem"),
        ["sigmoid"] = ("Sigmoid", ""),
        ["hard_sigmoid"] = ("HardSigmoid", ""),
        ["hard_swish"] = ("HardSwish", ""),
        ["hard_silu"] = ("HardSwish", ""),
        ["tanh"] = ("Tanh", ""),
        ["elu"] = ("Elu", ""),
        ["selu"] = ("Selu", ""),
        ["celu"] = ("Celu", ""),
        ["softplus"] = ("Softplus", ""),
        ["softsign"] = ("Softsign", ""),
        ["swish"] = ("SiLU", "cnnmem"),
        ["silu"] = ("SiLU", "cnnmem"),
        ["gelu"] = ("Gelu", ""),
        ["mish"] = ("Mish", ""),
        ["leaky_relu"] = ("LeakyRelu", ""),
        ["exponential"] = ("Exp", ""),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The op for <paramref name="activation"/>; null for <c>linear</c> (no node). Softmax normalizes the channel (last Keras) axis.</summary>
    public static KerasOp? Op(JsonAt activation, KerasLayout layout, int rank, string part)
    {
        var name = activation.Kind == System.Text.Json.JsonValueKind.Object
            ? (activation.Get("config")?.Get("name") ?? activation.Require("class_name")).Str()
            : activation.Str();
        name = name.ToLowerInvariant();
        if (name is "linear" or "identity")
        {
            return null;
        }
        if (name is "softmax" or "log_softmax")
        {
            var axis = layout.Axis(-1, rank, "the softmax axis");
            return new KerasOp(name == "softmax" ? "Softmax" : "LogSoftmax", Attributes.From(("axis", AttrValue.Of(axis))), part);
        }
        if (Ops.TryGetValue(name, out var op))
        {
            return new KerasOp(op.Op, Attributes.Empty, part, op.Domain);
        }
        throw new OpException($"activation '{name}' is not supported (known: linear, softmax, {string.Join(", ", Ops.Keys.Order(StringComparer.Ordinal))})");
    }
}
