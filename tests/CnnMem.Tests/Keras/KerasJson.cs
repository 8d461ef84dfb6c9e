namespace CnnMem.Tests.Keras;

/// <summary>Small hand-written Keras 2 style model JSON for one-layer cases.</summary>
internal static class KerasJson
{
    /// <summary>A Sequential model: an InputLayer with <paramref name="batchShape"/> (JSON, e.g. <c>[null, 8, 8, 3]</c>) then the layers.</summary>
    public static string Sequential(string batchShape, params string[] layers) =>
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"m\", \"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": "
        + batchShape + ", \"dtype\": \"float32\", \"name\": \"x\"}}, " + string.Join(", ", layers) + "]}}";

    /// <summary>One layer: class, name and the rest of its config (JSON members without braces).</summary>
    public static string Layer(string cls, string name, string config = "") =>
        "{\"class_name\": \"" + cls + "\", \"config\": {\"name\": \"" + name + "\"" + (config.Length > 0 ? ", " + config : "") + "}}";

    /// <summary>A functional model with input x and one layer that reads x twice (a merge).</summary>
    public static string Merge(string batchShape, string cls, string config) =>
        "{\"class_name\": \"Functional\", \"config\": {\"name\": \"f\", \"layers\": ["
        + "{\"name\": \"x\", \"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": " + batchShape + ", \"name\": \"x\"}, \"inbound_nodes\": []}, "
        + "{\"name\": \"layer\", \"class_name\": \"" + cls + "\", \"config\": {\"name\": \"layer\"" + (config.Length > 0 ? ", " + config : "") + "}, \"inbound_nodes\": [[[\"x\", 0, 0, {}], [\"x\", 0, 0, {}]]]}], "
        + "\"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"layer\", 0, 0]]}}";
}
