using System.Text.Json;
using CnnMem.Cli;
using CnnMem.Memory.Profiles;

namespace CnnMem.Tests.Cli;

/// <summary>The analyze command's framework-model options reach the report (seen through its JSON), and bad values exit 2.</summary>
public class FrameworkOptionTests
{
    /// <summary>The report's memory section; on --backend cpu unless the options name a backend (cuda is the CLI's default).</summary>
    private static JsonElement Memory(params string[] options)
    {
        string[] backend = options.Contains("--backend") ? [] : ["--backend", "cpu"];
        var r = CliRun.Of(["analyze", "seed", "--format", "json", .. backend, .. options]);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("memory");
    }

    private static long Field(JsonElement memory, string section, string field) => memory.GetProperty(section).GetProperty(field).GetInt64();

    [Fact]
    public void Backend_Cuda_AddsDeviceSection()
    {
        Assert.False(Memory().TryGetProperty("device", out _));
        Assert.True(Memory("--backend", "cuda").TryGetProperty("device", out var device));
        // cuda is analyze's default backend
        var byDefault = CliRun.Of("analyze", "seed", "--format", "json", "--framework", "pytorch-1.13");
        Assert.True(JsonDocument.Parse(byDefault.Out).RootElement.GetProperty("memory").TryGetProperty("device", out _));
        Assert.Equal(FrameworkProfiles.PyTorch113Cuda.ContextBytes, device.GetProperty("context_bytes").GetInt64());
    }

    [Fact]
    public void CudaContextAndWorkspaceLimit_ReachDeviceSection()
    {
        var m = Memory("--backend", "cuda", "--cuda-context", "500MB", "--workspace-limit", "1MiB");
        Assert.Equal(500_000_000, Field(m, "device", "context_bytes"));
        Assert.Equal(1L << 20, Field(m, "device", "workspace_limit_bytes"));
    }

    [Fact]
    public void Checkpoint_Sqrt_LowersSavedForBackward()
    {
        var plain = Memory();
        var checkpointed = Memory("--checkpoint", "sqrt");
        Assert.True(Field(checkpointed, "training", "saved_for_backward_bytes") < Field(plain, "training", "saved_for_backward_bytes"));
        Assert.NotEqual(0, Field(checkpointed, "training", "checkpoint_every"));
        Assert.Equal(2, Field(Memory("--checkpoint", "every=2"), "training", "checkpoint_every"));
    }

    [Theory]
    [InlineData("--mixed-precision")]
    [InlineData("--amp")]
    public void MixedPrecision_LowersActivationBytes(string option)
    {
        var plain = Memory();
        var mixed = Memory(option);
        Assert.True(Field(mixed, "training", "saved_for_backward_bytes") < Field(plain, "training", "saved_for_backward_bytes"));
        Assert.True(Field(mixed, "inference", "activation_peak_bytes") < Field(plain, "inference", "activation_peak_bytes"));
    }

    [Fact]
    public void NoMkldnn_ChangesWorkspaces_SameAsMkldnnFalse()
    {
        var off = Memory("--no-mkldnn");
        Assert.Equal(off.GetRawText(), Memory("--mkldnn", "false").GetRawText());
        Assert.Equal(Memory().GetRawText(), Memory("--mkldnn", "true").GetRawText());
        Assert.NotEqual(Field(Memory(), "inference", "activation_peak_bytes"), Field(off, "inference", "activation_peak_bytes"));
    }

    [Fact]
    public void Alignment_ReachesInferencePlan()
    {
        Assert.Equal(256, Field(Memory("--alignment", "256"), "inference", "alignment"));
    }

    [Fact]
    public void OptionParser_MapsEveryOption()
    {
        var o = MemoryCliOptions.Create(new MemoryCliValues
        {
            Framework = "pytorch", Backend = "cuda", Mixed = true, Checkpoint = "every=3",
            Alignment = "128", CudaContext = "1GB", WorkspaceLimit = "2GiB", ZeroGrad = "set-to-none", NoForeach = true,
            AmpDType = "bfloat16", ExpandableSegments = true,
        });
        Assert.Equal(Framework.PyTorch113, o.Framework);
        Assert.Equal(Backend.Cuda, o.Backend);
        var cpu = MemoryCliOptions.Create(new MemoryCliValues { Backend = "cpu", Mkldnn = "off", Threads = "4" });
        Assert.False(cpu.Mkldnn);
        Assert.Equal(4, cpu.CpuThreads);
        Assert.True(o.MixedPrecision);
        Assert.Equal(3, o.CheckpointEvery);
        Assert.Equal(128, o.Alignment);
        Assert.Equal(1_000_000_000, o.CudaContextBytes);
        Assert.Equal(2L << 30, o.CudnnWorkspaceLimitBytes);
        Assert.Equal(ZeroGradMode.SetToNone, o.ZeroGrad);
        Assert.False(o.Foreach);
        Assert.Equal(DType.BFloat16, o.AmpDType);
        Assert.True(o.ExpandableSegments);
        Assert.Equal(MemoryOptions.PyTorch113Cpu, MemoryCliOptions.Create(new MemoryCliValues { Framework = "pytorch-1.13", Backend = "cpu" }));
        Assert.Equal(new MemoryOptions(), MemoryCliOptions.Create(new MemoryCliValues()));
        Assert.Equal(Framework.PyTorch2, MemoryCliOptions.Create(new MemoryCliValues()).Framework);
        Assert.Equal(0, MemoryCliOptions.Create(new MemoryCliValues { Backend = "cuda", CudaContext = "0" }).CudaContextBytes);
        Assert.Equal(-1, MemoryCliOptions.ParseCheckpoint("sqrt"));
    }

    [Theory]
    [InlineData("cpu", "--cuda-context", "1GB", "--cuda-context applies to --backend cuda, but the backend is cpu")]
    [InlineData("cpu", "--workspace-limit", "1GB", "--workspace-limit applies to --backend cuda, but the backend is cpu")]
    [InlineData("cuda", "--threads", "4", "--threads applies to --backend cpu, but the backend is cuda (the default)")]
    [InlineData("cuda", "--mkldnn", "false", "--mkldnn applies to --backend cpu, but the backend is cuda (the default)")]
    public void OtherBackendsOption_IsAnErrorNotIgnored(string backend, string option, string value, string expected)
    {
        string[] args = backend == "cuda" ? ["analyze", "tiny", option, value] : ["analyze", "tiny", "--backend", backend, option, value];
        var r = CliRun.Tiny(args);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains(expected, r.Error);
        var fit = CliRun.Tiny(["fit", .. args[1..], "--memory", "1GB"]);
        Assert.Equal(ExitCodes.UsageOrInput, fit.ExitCode);
        Assert.Contains(expected, fit.Error);
    }

    [Theory]
    [InlineData("--backend", "tpu", "cuda")]
    [InlineData("--framework", "tensorflow", "pytorch")]
    [InlineData("--checkpoint", "every=0", "sqrt")]
    [InlineData("--checkpoint", "often", "sqrt")]
    [InlineData("--alignment", "48", "power of two")]
    [InlineData("--alignment", "-64", "power of two")]
    [InlineData("--threads", "0", "--threads")]
    [InlineData("--threads", "many", "--threads")]
    [InlineData("--mkldnn", "maybe", "true or false")]
    [InlineData("--cuda-context", "lots", "GiB")]
    [InlineData("--workspace-limit", "-1GB", "GiB")]
    public void BadValue_ExitsTwoAndSaysWhatIsValid(string option, string value, string expected)
    {
        var r = CliRun.Tiny("analyze", "tiny", option, value);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.False(r.HasStackTrace);
    }

    [Fact]
    public void PerLayer_PrintsOneRowPerLayer_RunningTotalEndsAtReport()
    {
        var json = JsonDocument.Parse(CliRun.Of("analyze", "seed", "--format", "json").Out).RootElement;
        var rows = json.GetProperty("memory").GetProperty("training").GetProperty("layers").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var last = rows[^1].GetProperty("running_total_bytes").GetInt64();

        var csv = CliRun.Of("analyze", "seed", "--per-layer", "--format", "csv").Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // 'layer' as in the layer table's CSV; 'name' (the header before) kept last with the same value
        Assert.Equal("layer,op,kept_for_backward_bytes,activation_gradient_bytes,param_and_grad_bytes,optimizer_state_bytes,running_total_bytes,name", csv[0]);
        Assert.StartsWith("layer,", CliRun.Of("analyze", "seed", "--format", "csv").Out, StringComparison.Ordinal);
        Assert.Equal(rows.Count, csv.Length - 1);
        Assert.Equal(last.ToString(System.Globalization.CultureInfo.InvariantCulture), csv[^1].Split(',')[^2]);
        Assert.All(csv.Skip(1), line => Assert.Equal(line.Split(',')[0], line.Split(',')[^1]));

        var table = CliRun.Of("analyze", "seed", "--per-layer").Out;
        var section = table[table.IndexOf("Training memory per layer", StringComparison.Ordinal)..];
        foreach (var row in rows)
        {
            Assert.Contains($"| {row.GetProperty("name").GetString()} ", section, StringComparison.Ordinal);
        }
        var lastRow = section.Split('\n').Last(l => l.StartsWith($"| {rows[^1].GetProperty("name").GetString()} ", StringComparison.Ordinal));
        Assert.EndsWith(CnnMem.Rendering.ByteFormat.Bytes(last, CnnMem.Rendering.UnitSystem.Si) + " |", lastRow.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Training memory per layer", CliRun.Of("analyze", "seed").Out, StringComparison.Ordinal);
    }
}
