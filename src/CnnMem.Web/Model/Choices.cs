using CnnMem.Memory.Parallel;
using CnnMem.Zoo;
using CnnMem.Memory.Profiles;

namespace CnnMem.Web.Model;

/// <summary>The values each setting offers, read from the library's enums and tables so new ones appear by themselves.</summary>
internal static class Choices
{
    public static IReadOnlyList<DType> DTypes { get; } = [DType.Float32, DType.Float16, DType.BFloat16, DType.Float64, DType.Int8];

    public static IReadOnlyList<Optimizer> Optimizers { get; } = Enum.GetValues<Optimizer>();

    public static IReadOnlyList<Framework> Frameworks { get; } = Enum.GetValues<Framework>();

    public static IReadOnlyList<Backend> Backends { get; } = Enum.GetValues<Backend>();

    public static IEnumerable<string> Devices => DeviceTable.Devices.Keys;

    public static IReadOnlyList<ParallelStrategy> Strategies { get; } = Enum.GetValues<ParallelStrategy>();

    /// <summary>A strategy's name as <c>--parallel</c> takes it.</summary>
    public static string StrategyName(ParallelStrategy s) => ParallelStrategies.Name(s);

    /// <summary>The zoo's networks (<c>cnnmem zoo</c>) by family, in the zoo's order: name and default input size.</summary>
    public static IReadOnlyList<(string Family, IReadOnlyList<(string Name, long Size)> Networks)> Zoo { get; } =
        ZooModels.Entries.GroupBy(e => e.Family)
            .Select(g => (g.Key, (IReadOnlyList<(string, long)>)g.Select(e => (e.Name, e.DefaultSize)).ToList()))
            .ToList();

    /// <summary>How many networks the zoo has.</summary>
    public static int ZooCount => ZooModels.Entries.Length;

    /// <summary>A framework's name as <c>--framework</c> takes it ("pytorch-1.13").</summary>
    public static string FrameworkName(Framework f) => CnnMem.Core.Frameworks.Name(f);

    /// <summary>A backend's name as <c>--backend</c> takes it.</summary>
    public static string BackendName(Backend b) => CnnMem.Core.Backends.Name(b);
}
