using CnnMem.Core;
using CnnMem.Memory;

namespace CnnMem.Web.Model;

/// <summary>The values each setting offers, read from the library's enums and tables so new ones appear by themselves.</summary>
internal static class Choices
{
    public static IReadOnlyList<DType> DTypes { get; } = [DType.Float32, DType.Float16, DType.BFloat16, DType.Float64, DType.Int8];

    public static IReadOnlyList<Optimizer> Optimizers { get; } = Enum.GetValues<Optimizer>();

    public static IReadOnlyList<Framework> Frameworks { get; } = Enum.GetValues<Framework>();

    public static IReadOnlyList<Backend> Backends { get; } = Enum.GetValues<Backend>();

    public static IEnumerable<string> Devices => DeviceTable.Devices.Keys;

    /// <summary>A framework's name as the user knows it (PyTorch113: "pytorch-1.13"), from its enum name.</summary>
    public static string FrameworkName(Framework f)
    {
        var name = f.ToString();
        var digits = name.IndexOfAny("0123456789".ToCharArray());
        if (digits < 0)
        {
            return name.ToLowerInvariant();
        }
        var version = name[digits..];
        // The first digit is the major version, the rest the minor one (113 -> 1.13, 2 -> 2).
        return $"{name[..digits].ToLowerInvariant()}-{version[..1]}{(version.Length > 1 ? "." + version[1..] : "")}";
    }

    public static string BackendName(Backend b) => b.ToString().ToLowerInvariant();
}
