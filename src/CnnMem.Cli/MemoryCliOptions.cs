using System.CommandLine;
using System.Globalization;
using CnnMem.Core;
using CnnMem.Memory;

namespace CnnMem.Cli;

/// <summary>
/// The analyze command's framework-model options (--framework, --backend, --mkldnn, --threads, --mixed-precision,
/// --checkpoint, --alignment, --cuda-context, --workspace-limit), declared once and read into <see cref="MemoryOptions"/>.
/// Values are strings checked here, so a bad one names every accepted value instead of a parser type error.
/// </summary>
public sealed class MemoryCliOptions
{
    private static readonly string[] Frameworks = ["pytorch"];
    private static readonly string[] Backends = ["cpu", "cuda"];

    private readonly Option<string> framework = new("--framework")
    {
        Description = "Framework whose memory semantics the framework model follows: pytorch (1.13).",
        DefaultValueFactory = _ => "pytorch",
    };

    private readonly Option<string> backend = new("--backend")
    {
        Description = "Where the framework runs: cpu (default; oneDNN / im2col workspaces) or cuda (cuDNN workspaces, the device view).",
        DefaultValueFactory = _ => "cpu",
    };

    private readonly Option<string?> mkldnn = new("--mkldnn") { HelpName = "true|false", Description = "CPU: oneDNN (mkldnn) convolutions on (default) or off." };

    private readonly Option<bool> noMkldnn = new("--no-mkldnn") { Description = "CPU: oneDNN (mkldnn) convolutions off (same as --mkldnn false)." };

    private readonly Option<string?> threads = new("--threads") { HelpName = "N", Description = "CPU intra-op threads (default 1); decides which convolutions use oneDNN." };

    private readonly Option<bool> mixed = new("--mixed-precision", "--amp") { Description = "Autocast: fp32 master weights and gradients, half activations for conv/linear/matmul." };

    private readonly Option<string?> checkpoint = new("--checkpoint") { HelpName = "every=K|sqrt", Description = "Activation checkpointing: a checkpoint every K layers, or every sqrt(layers)." };

    private readonly Option<string?> alignment = new("--alignment") { HelpName = "BYTES", Description = "Arena alignment of the inference plan in bytes, a power of two (default 64)." };

    private readonly Option<string?> cudaContext = new("--cuda-context") { HelpName = "SIZE", Description = "CUDA context and kernels, reserved before any tensor (default 300MB; e.g. 500MiB)." };

    private readonly Option<string?> workspaceLimit = new("--workspace-limit") { HelpName = "SIZE", Description = "cuDNN workspace limit per convolution (default 1GiB)." };

    public IEnumerable<Option> All => [framework, backend, mkldnn, noMkldnn, threads, mixed, checkpoint, alignment, cudaContext, workspaceLimit];

    /// <summary>Whether --backend was on the command line (--device switches the default to cuda only when it was not).</summary>
    public bool BackendGiven(ParseResult r) => r.GetResult(backend) is { Implicit: false };

    public MemoryOptions Read(ParseResult r) => Create(
        r.GetValue(framework)!, r.GetValue(backend)!, r.GetValue(mkldnn), r.GetValue(noMkldnn), r.GetValue(threads),
        r.GetValue(mixed), r.GetValue(checkpoint), r.GetValue(alignment), r.GetValue(cudaContext), r.GetValue(workspaceLimit));

    /// <summary>Checks each value and builds the options; anything not given keeps <see cref="MemoryOptions"/>' default.</summary>
    public static MemoryOptions Create(
        string framework, string backend, string? mkldnn, bool noMkldnn, string? threads, bool mixed,
        string? checkpoint, string? alignment, string? cudaContext, string? workspaceLimit)
    {
        var defaults = new MemoryOptions();
        if (!Frameworks.Contains(framework.ToLowerInvariant()))
        {
            throw new CnnMemException($"unknown framework '{framework}'; expected one of: {string.Join(", ", Frameworks)}");
        }
        if (!Backends.Contains(backend.ToLowerInvariant()))
        {
            throw new CnnMemException($"unknown backend '{backend}'; expected one of: {string.Join(", ", Backends)}");
        }
        var useMkldnn = mkldnn switch
        {
            null => true,
            _ when mkldnn.Equals("true", StringComparison.OrdinalIgnoreCase) || mkldnn.Equals("on", StringComparison.OrdinalIgnoreCase) => true,
            _ when mkldnn.Equals("false", StringComparison.OrdinalIgnoreCase) || mkldnn.Equals("off", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new CnnMemException($"--mkldnn expects true or false (or on, off), found '{mkldnn}'"),
        };
        if (noMkldnn && mkldnn is not null && useMkldnn)
        {
            throw new CnnMemException("--no-mkldnn and --mkldnn true contradict each other; give one of them");
        }
        return defaults with
        {
            Framework = Framework.PyTorch113,
            Backend = backend.Equals("cuda", StringComparison.OrdinalIgnoreCase) ? Backend.Cuda : Backend.Cpu,
            Mkldnn = useMkldnn && !noMkldnn,
            CpuThreads = threads is null ? defaults.CpuThreads : (int)PositiveInteger("--threads", threads, "a number of threads, e.g. --threads 4"),
            MixedPrecision = mixed,
            CheckpointEvery = checkpoint is null ? 0 : ParseCheckpoint(checkpoint),
            Alignment = alignment is null ? defaults.Alignment : ParseAlignment(alignment),
            CudaContextBytes = cudaContext is null ? defaults.CudaContextBytes : Size("--cuda-context", cudaContext),
            CudnnWorkspaceLimitBytes = workspaceLimit is null ? defaults.CudnnWorkspaceLimitBytes : Size("--workspace-limit", workspaceLimit),
        };
    }

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
    public static long Size(string option, string text)
    {
        try
        {
            return ByteSize.Parse(text);
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
