using System.CommandLine;
using System.Globalization;
using CnnMem.Core;
using CnnMem.Memory.Profiles;

namespace CnnMem.Cli;

/// <summary>
/// The analyze command's framework-model options (--framework, --backend, --mkldnn, --threads, --mixed-precision,
/// --checkpoint, --alignment, --cuda-context, --workspace-limit, --cudnn-benchmark, --channels-last, --cudnn-table,
/// --cudnn-arch), declared once and read into <see cref="MemoryOptions"/>.
/// Values are strings checked here, so a bad one names every accepted value instead of a parser type error.
/// </summary>
internal sealed class MemoryCliOptions
{
    /// <summary>The library's defaults (<see cref="MemoryOptions"/>): every option not given keeps its value, so the CLI cannot drift from the library.</summary>
    private static readonly MemoryOptions Defaults = new();

    /// <summary>The library's framework (PyTorch 2.x, what people run today) as --framework names it; <c>pytorch</c> (the only value before profiles) keeps meaning 1.13.</summary>
    public static readonly string DefaultFramework = Frameworks.Name(Defaults.Framework);

    /// <summary>The library's backend (CUDA: the question people bring is whether a model fits a GPU) as --backend names it.</summary>
    public static readonly string DefaultBackend = Backends.Name(Defaults.Backend);

    /// <summary>Autocast's half types: the two <see cref="DType"/> names <c>--amp-dtype</c> accepts.</summary>
    private static readonly NameTable<DType> AmpTypes = new([(DType.Float16, "float16"), (DType.BFloat16, "bfloat16")]);

    private readonly Option<string> framework = new("--framework")
    {
        Description = "Framework profile the model follows: pytorch-2 (default; what people run today), pytorch-1.13, or pytorch (= 1.13).",
        DefaultValueFactory = _ => DefaultFramework,
    };

    private readonly Option<string> backend;

    private readonly Option<string?> mkldnn = new("--mkldnn") { HelpName = "true|false", Description = "CPU: oneDNN (mkldnn) convolutions on (default) or off." };

    private readonly Option<bool> noMkldnn = new("--no-mkldnn") { Description = "CPU: oneDNN (mkldnn) convolutions off (same as --mkldnn false)." };

    private readonly Option<string?> threads = new("--threads") { HelpName = "N", Description = "CPU intra-op threads (default 1); decides which convolutions use oneDNN." };

    private readonly Option<bool> mixed = new("--mixed-precision", "--amp") { Description = "Autocast: fp32 master weights and gradients; conv/linear/matmul in half precision, precision propagated through the graph." };

    private readonly Option<string?> ampDType = new("--amp-dtype") { HelpName = "float16|bfloat16", Description = "Autocast's half type with --amp: float16 (default, with a GradScaler) or bfloat16." };

    private readonly Option<string?> checkpoint = new("--checkpoint") { HelpName = "every=K|sqrt", Description = "Activation checkpointing: a checkpoint every K layers, or every sqrt(layers)." };

    private readonly Option<string?> alignment = new("--alignment") { HelpName = "BYTES", Description = "Arena alignment of the inference plan in bytes, a power of two (default 64)." };

    private readonly Option<string?> cudaContext = new("--cuda-context") { HelpName = "SIZE", Description = "CUDA: memory outside the caching allocator (context, kernels, cuBLAS/cuDNN handles); default the profile's measured 182.5MB; 0 makes a budget what the allocator may reserve." };

    private readonly Option<string?> workspaceLimit = new("--workspace-limit") { HelpName = "SIZE", Description = "A cap on each convolution's cuDNN workspace (default: none, as PyTorch sets none)." };

    private readonly Option<string?> zeroGrad = new("--zero-grad") { HelpName = "set-to-none|zero", Description = "What zero_grad does between steps; default the profile's (pytorch-2: set-to-none, pytorch-1.13: zero)." };

    private readonly Option<bool> useForeach = new("--foreach") { Description = "Multi-tensor (foreach) optimizer path (pytorch-2's default on CUDA)." };

    /// <summary>Whether --backend was on the command line (--device switches the default to cuda only when it was not).</summary>
    public bool BackendGiven(ParseResult r) => r.GetResult(backend) is { Implicit: false };

    private readonly Option<bool> noForeach = new("--no-foreach") { Description = "Single-tensor (for-loop) optimizer path (pytorch-1.13's default, and CPU's)." };

    private readonly Option<bool> expandable = new("--expandable-segments") { Description = "CUDA: PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True (reserved memory grows in pages of one segment)." };

    private readonly Option<bool> cudnnBenchmark = new("--cudnn-benchmark") { Description = "CUDA: torch.backends.cudnn.benchmark = True (cuDNN times its algorithms; their workspaces come from the measured table)." };

    private readonly Option<bool> channelsLast = new("--channels-last") { Description = "CUDA: the model and input in torch.channels_last (a key of the cuDNN workspace table)." };

    private readonly Option<string?> cudnnTable = new("--cudnn-table") { HelpName = "FILE", Description = "CUDA: a cuDNN workspace table written by scripts/gpu_kit.sh (cudnn-workspaces.json) instead of the built-in one." };

    private readonly Option<string?> cudnnArch = new("--cudnn-arch") { HelpName = "sm_XY", Description = "CUDA: the GPU architecture whose cuDNN measurements apply, e.g. sm_80, sm_89, sm_90 (default sm_90, the profile's H200)." };

    /// <summary>The options, with the library's backend as --backend's default.</summary>
    public MemoryCliOptions()
    {
        backend = new("--backend")
        {
            Description = $"Where the framework runs: cpu (oneDNN / im2col workspaces) or cuda (cuDNN, the caching allocator, reserved memory); default {DefaultBackend}.",
            DefaultValueFactory = _ => DefaultBackend,
        };
    }

    public IEnumerable<Option> All => [framework, backend, mkldnn, noMkldnn, threads, mixed, ampDType, checkpoint, alignment, cudaContext, workspaceLimit, zeroGrad, useForeach, noForeach, expandable, cudnnBenchmark, channelsLast, cudnnTable, cudnnArch];

    public MemoryOptions Read(ParseResult r) => Create(new MemoryCliValues
    {
        Framework = r.GetValue(framework)!,
        Backend = r.GetValue(backend)!,
        Mkldnn = r.GetValue(mkldnn),
        NoMkldnn = r.GetValue(noMkldnn),
        Threads = r.GetValue(threads),
        Mixed = r.GetValue(mixed),
        AmpDType = r.GetValue(ampDType),
        Checkpoint = r.GetValue(checkpoint),
        Alignment = r.GetValue(alignment),
        CudaContext = r.GetValue(cudaContext),
        WorkspaceLimit = r.GetValue(workspaceLimit),
        ZeroGrad = r.GetValue(zeroGrad),
        Foreach = r.GetValue(useForeach),
        NoForeach = r.GetValue(noForeach),
        ExpandableSegments = r.GetValue(expandable),
        CudnnBenchmark = r.GetValue(cudnnBenchmark),
        ChannelsLast = r.GetValue(channelsLast),
        CudnnTable = r.GetValue(cudnnTable),
        CudnnArch = r.GetValue(cudnnArch),
    });

    /// <summary>Checks each value and builds the options; anything not given keeps <see cref="MemoryOptions"/>' or the profile's default.</summary>
    public static MemoryOptions Create(MemoryCliValues v)
    {
        var defaults = Defaults;
        var fw = OneOf("--framework", v.Framework, Frameworks.Names);
        var be = OneOf("--backend", v.Backend, Backends.Names);
        var useMkldnn = v.Mkldnn switch
        {
            null => defaults.Mkldnn,
            _ when v.Mkldnn.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Mkldnn.Equals("on", StringComparison.OrdinalIgnoreCase) => true,
            _ when v.Mkldnn.Equals("false", StringComparison.OrdinalIgnoreCase) || v.Mkldnn.Equals("off", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new CnnMemException($"--mkldnn expects true or false (or on, off), found '{v.Mkldnn}'"),
        };
        if (v.NoMkldnn && v.Mkldnn is not null && useMkldnn)
        {
            throw new CnnMemException("--no-mkldnn and --mkldnn true contradict each other; give one of them");
        }
        if (v.Foreach && v.NoForeach)
        {
            throw new CnnMemException("--foreach and --no-foreach contradict each other; give one of them");
        }
        CheckBackendOptions(be, v);
        if (v.AmpDType is not null && !v.Mixed)
        {
            throw new CnnMemException("--amp-dtype chooses autocast's half type; it needs --amp");
        }
        return defaults with
        {
            Framework = fw,
            Backend = be,
            Mkldnn = useMkldnn && !v.NoMkldnn,
            CpuThreads = v.Threads is null ? defaults.CpuThreads : (int)PositiveInteger("--threads", v.Threads, "a number of threads, e.g. --threads 4"),
            MixedPrecision = v.Mixed || defaults.MixedPrecision,
            AmpDType = v.AmpDType is null ? defaults.AmpDType : OneOf("--amp-dtype", v.AmpDType, AmpTypes),
            CheckpointEvery = v.Checkpoint is null ? defaults.CheckpointEvery : ParseCheckpoint(v.Checkpoint),
            Alignment = v.Alignment is null ? defaults.Alignment : ParseAlignment(v.Alignment),
            CudaContextBytes = v.CudaContext is null ? defaults.CudaContextBytes : Size("--cuda-context", v.CudaContext, allowZero: true),
            CudnnWorkspaceLimitBytes = v.WorkspaceLimit is null ? defaults.CudnnWorkspaceLimitBytes : Size("--workspace-limit", v.WorkspaceLimit),
            ZeroGrad = v.ZeroGrad is null ? defaults.ZeroGrad : OneOf("--zero-grad", v.ZeroGrad, ZeroGradModes.Names),
            Foreach = v.Foreach ? true : v.NoForeach ? false : defaults.Foreach,
            ExpandableSegments = v.ExpandableSegments || defaults.ExpandableSegments,
            CudnnBenchmark = v.CudnnBenchmark || defaults.CudnnBenchmark,
            ChannelsLast = v.ChannelsLast || defaults.ChannelsLast,
            CudnnArch = v.CudnnArch is null ? defaults.CudnnArch : ParseArch(v.CudnnArch),
            CudnnTable = v.CudnnTable is null ? defaults.CudnnTable : ReadCudnnTable(v.CudnnTable),
        };
    }

    /// <summary>An architecture as the kit names it: <c>sm_</c> and the compute capability's digits (sm_90, sm_89, sm_120).</summary>
    private static string ParseArch(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return t.Length is >= 5 and <= 6 && t.StartsWith("sm_", StringComparison.Ordinal) && t[3..].All(char.IsAsciiDigit)
            ? t
            : throw new CnnMemException($"--cudnn-arch expects sm_ and the compute capability's digits (e.g. sm_80, sm_89, sm_90), found '{text}'");
    }

    private static Memory.Cudnn.CudnnWorkspaceTable ReadCudnnTable(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnnMemException($"--cudnn-table: cannot read '{path}': {e.Message}");
        }
        return Memory.Cudnn.CudnnWorkspaceTable.Parse(text, path);
    }

    /// <summary>An option of one backend given with the other would be silently ignored: say so instead.</summary>
    private static void CheckBackendOptions(Backend backend, MemoryCliValues v)
    {
        var (other, given) = backend == Backend.Cpu
            ? (Backend.Cuda, new (string Name, bool Given)[] { ("--cuda-context", v.CudaContext is not null), ("--workspace-limit", v.WorkspaceLimit is not null),
                ("--cudnn-benchmark", v.CudnnBenchmark), ("--channels-last", v.ChannelsLast), ("--cudnn-table", v.CudnnTable is not null), ("--cudnn-arch", v.CudnnArch is not null) })
            : (Backend.Cpu, new (string Name, bool Given)[] { ("--mkldnn", v.Mkldnn is not null), ("--no-mkldnn", v.NoMkldnn), ("--threads", v.Threads is not null) });
        var ignored = given.Where(g => g.Given).Select(g => g.Name).ToList();
        if (ignored.Count > 0)
        {
            throw new CnnMemException(
                $"{string.Join(" and ", ignored)} {(ignored.Count == 1 ? "applies" : "apply")} to --backend {Backends.Name(other)}, but the backend is {Backends.Name(backend)}" +
                $"{(Backends.Name(backend) == DefaultBackend ? " (the default)" : "")}; add --backend {Backends.Name(other)}, or drop {string.Join(" and ", ignored)}");
        }
    }

    private static T OneOf<T>(string option, string value, NameTable<T> names)
        where T : struct, Enum =>
        names.TryParse(value, out var v) ? v : throw new CnnMemException($"{option}: unknown value '{value}'; expected one of: {string.Join(", ", names.Accepted)}");

    /// <summary><c>every=K</c> (or a bare K) gives K; <c>sqrt</c> gives -1, <see cref="MemoryOptions.CheckpointEvery"/>'s code for sqrt(n).</summary>
    public static int ParseCheckpoint(string text)
    {
        var t = text.Trim();
        if (t.Equals("sqrt", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }
        var value = t.StartsWith("every=", StringComparison.OrdinalIgnoreCase) ? t["every=".Length..] : t;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1)
        {
            return k;
        }
        throw new CnnMemException($"--checkpoint expects every=K with a whole K of at least 1 (e.g. every=4) or sqrt, found '{text}'");
    }

    private static long ParseAlignment(string text)
    {
        var a = PositiveInteger("--alignment", text, "a power of two in bytes, e.g. --alignment 64");
        return (a & (a - 1)) == 0 ? a : throw new CnnMemException($"--alignment expects a power of two in bytes (1, 2, 4, ..., 64, 128, ...), found '{text}'");
    }

    /// <summary>A size such as 300MB or 1GiB; the parser's message gains the option's name.</summary>
    public static long Size(string option, string text, bool allowZero = false)
    {
        try
        {
            return allowZero && text.Trim() is "0" or "0B" ? 0 : ByteSize.Parse(text);
        }
        catch (CnnMemException e)
        {
            throw new CnnMemException($"{option}: {e.Message}");
        }
    }

    private static long PositiveInteger(string option, string text, string expected) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= int.MaxValue
            ? v
            : throw new CnnMemException($"{option} expects {expected}, found '{text}'");
}
