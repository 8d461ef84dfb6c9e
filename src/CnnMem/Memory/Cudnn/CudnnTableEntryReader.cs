using System.Text.Json;

namespace CnnMem.Memory.Cudnn;

/// <summary>One row of a table file: its fields checked, the buckets computed from the measured sizes.</summary>
internal static class CudnnTableEntryReader
{
    private static readonly string[] DTypeNames = ["float32", "float16", "bfloat16"];
    private static readonly string[] Layouts = ["nchw", "nhwc"];

    public static CudnnWorkspaceEntry Read(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new CnnMemException($"{where}: expected an object");
        }
        var direction = CudnnConvKey.ParseDirection(Text(e, "direction", where))
            ?? throw new CnnMemException($"{where}: \"direction\" must be forward, backward_data or backward_filter");
        var dtype = OneOf(e, "dtype", DTypeNames, where);
        var layout = OneOf(e, "layout", Layouts, where);
        var kernel = Sizes(e, "kernel", where);
        var stride = Sizes(e, "stride", where);
        var dilation = Sizes(e, "dilation", where);
        var spatial = Sizes(e, "spatial", where);
        if (stride.Length != kernel.Length || dilation.Length != kernel.Length || spatial.Length != kernel.Length)
        {
            throw new CnnMemException($"{where}: \"kernel\", \"stride\", \"dilation\" and \"spatial\" need one size per spatial axis each");
        }
        var batch = Positive(e, "batch", where);
        var spatialElements = spatial.Aggregate(1L, (a, s) => checked(a * s));
        var key = new CudnnConvKey(
            Text(e, "arch", where),
            direction,
            Flag(e, "benchmark", where),
            dtype,
            layout,
            CudnnConvKey.Sizes(kernel),
            CudnnConvKey.Sizes(stride),
            CudnnConvKey.Sizes(dilation),
            Positive(e, "groups", where),
            Positive(e, "in_channels", where),
            Positive(e, "out_channels", where),
            CudnnBuckets.Of(batch),
            CudnnBuckets.Of(spatialElements));
        var bytes = Number(e, "workspace_bytes", where);
        return bytes >= 0 ? new CudnnWorkspaceEntry(key, batch, spatialElements, bytes) : throw new CnnMemException($"{where}: \"workspace_bytes\" must not be negative, found {bytes}");
    }

    private static JsonElement Field(JsonElement e, string name, string where) =>
        e.TryGetProperty(name, out var v) ? v : throw new CnnMemException($"{where}: missing \"{name}\"");

    private static string Text(JsonElement e, string name, string where) =>
        Field(e, name, where) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } s ? s : throw new CnnMemException($"{where}: \"{name}\" must be a non-empty string");

    private static string OneOf(JsonElement e, string name, string[] accepted, string where)
    {
        var s = Text(e, name, where);
        return accepted.Contains(s) ? s : throw new CnnMemException($"{where}: \"{name}\" is '{s}'; expected one of: {string.Join(", ", accepted)}");
    }

    private static bool Flag(JsonElement e, string name, string where) => Field(e, name, where).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new CnnMemException($"{where}: \"{name}\" must be true or false"),
    };

    private static long Number(JsonElement e, string name, string where) =>
        Field(e, name, where) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : throw new CnnMemException($"{where}: \"{name}\" must be a whole number");

    private static long Positive(JsonElement e, string name, string where)
    {
        var n = Number(e, name, where);
        return n >= 1 ? n : throw new CnnMemException($"{where}: \"{name}\" must be at least 1, found {n}");
    }

    private static long[] Sizes(JsonElement e, string name, string where)
    {
        var v = Field(e, name, where);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
        {
            throw new CnnMemException($"{where}: \"{name}\" must be a list of sizes, one per spatial axis");
        }
        return v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out var n) && n >= 1
            ? n
            : throw new CnnMemException($"{where}: \"{name}\" holds '{x}'; expected whole sizes of at least 1")).ToArray();
    }
}
