namespace CnnMem.Tests.Memory;

/// <summary>
/// One measured training entry of gpu_results.json (<c>run[Section][Entry]</c>) and the cnnmem flags that ask for the same
/// step, as compare_gpu.py's CASES table states them.
/// </summary>
public sealed record GpuCase(string Label, string Section, string Entry, IReadOnlyList<string> Flags)
{
    /// <summary>compare_gpu.py's CASES, in its order.</summary>
    public static IReadOnlyList<GpuCase> All { get; } =
    [
        new("sgd", "train", "sgd", ["--optimizer", "sgd", "--zero-grad", "zero"]),
        new("momentum", "train", "sgd_momentum", ["--optimizer", "momentum", "--zero-grad", "zero"]),
        new("adam", "train", "adam", ["--optimizer", "adam", "--zero-grad", "zero", "--no-foreach"]),
        new("adam-foreach", "train", "adam_foreach", ["--optimizer", "adam", "--zero-grad", "zero"]),
        new("momentum-set-to-none", "train_set_to_none", "sgd_momentum", ["--optimizer", "momentum", "--zero-grad", "set-to-none"]),
        new("momentum-amp", "amp", "sgd_momentum", ["--optimizer", "momentum", "--zero-grad", "zero", "--amp"]),
    ];

    public static GpuCase Get(string label) => All.Single(c => c.Label == label);

    /// <summary>The figures compared for this case: the AMP step's transients, else the steady peak, plus the reserved and inference figures for plain SGD.</summary>
    public IEnumerable<string> Figures() => Label switch
    {
        "momentum-amp" => [$"amp_transient[{Label}]"],
        "sgd" => [$"steady_peak[{Label}]", $"train_reserved[{Label}]", $"inference_peak[{Label}]", $"infer_reserved[{Label}]"],
        _ => [$"steady_peak[{Label}]"],
    };
}
