namespace CnnMem.Core;

/// <summary>Sizes and names of <see cref="DType"/> values.</summary>
internal static class DTypes
{
    /// <summary>Bytes per element. Strings have no fixed size; they are counted as 8 bytes (a pointer).</summary>
    public static int SizeOf(DType t) => t switch
    {
        DType.Float32 or DType.Int32 or DType.UInt32 => 4,
        DType.Float16 or DType.BFloat16 or DType.Int16 or DType.UInt16 => 2,
        DType.Float64 or DType.Int64 or DType.UInt64 or DType.Complex64 or DType.String => 8,
        DType.Complex128 => 16,
        DType.Int8 or DType.UInt8 or DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown dtype"),
    };

    public static bool IsFloat(DType t) => t is DType.Float32 or DType.Float16 or DType.BFloat16 or DType.Float64;

    public static bool IsHalf(DType t) => t is DType.Float16 or DType.BFloat16;

    public static bool IsInteger(DType t) => t is DType.Int8 or DType.UInt8 or DType.Int16 or DType.UInt16
        or DType.Int32 or DType.UInt32 or DType.Int64 or DType.UInt64;

    /// <summary>The lower-case name used on the command line and in JSON (float32, bfloat16, int64, ...).</summary>
    public static string Name(DType t) => t.ToString().ToLowerInvariant();

    private static readonly Dictionary<string, DType> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fp32"] = DType.Float32, ["float"] = DType.Float32, ["f32"] = DType.Float32,
        ["fp16"] = DType.Float16, ["half"] = DType.Float16, ["f16"] = DType.Float16,
        ["bf16"] = DType.BFloat16, ["fp64"] = DType.Float64, ["double"] = DType.Float64, ["f64"] = DType.Float64,
    };

    /// <summary>All names accepted by <see cref="TryParse"/>, canonical names first.</summary>
    public static IEnumerable<string> AllNames =>
        Enum.GetValues<DType>().Select(Name).Concat(Aliases.Keys);

    public static bool TryParse(string text, out DType dtype)
    {
        if (Aliases.TryGetValue(text, out dtype))
        {
            return true;
        }
        foreach (var t in Enum.GetValues<DType>())
        {
            if (string.Equals(Name(t), text, StringComparison.OrdinalIgnoreCase))
            {
                dtype = t;
                return true;
            }
        }
        dtype = default;
        return false;
    }
}
