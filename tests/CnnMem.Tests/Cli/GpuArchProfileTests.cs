using System.Text.Json;

namespace CnnMem.Tests.Cli;

/// <summary>
/// Profiles per GPU architecture (issue 18, item 5): the device's architecture decides cuBLAS's workspace (PyTorch's
/// CublasHandlePool.cpp: 32 MiB on sm_90, 2 x 4 MiB + 8 x 16 KiB elsewhere), and a device without measurements of its
/// own says which profile it borrowed, in every format.
/// </summary>
public class GpuArchProfileTests
{
    private static JsonElement Model(params string[] args)
    {
        var r = CliRun.Of(["analyze", "resnet18", .. args, "--format", "json"]);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("memory");
    }

    [Theory]
    [InlineData("rtx4090", "sm_89", true, 8_519_680)]
    [InlineData("a100-40gb", "sm_80", true, 8_519_680)]
    [InlineData("v100-16gb", "sm_70", true, 8_519_680)]
    [InlineData("h100", "sm_90", false, 33_554_432)]
    [InlineData("h200", "sm_90", false, 33_554_432)]
    public void Device_SetsItsArchitecture_CublasWorkspace_AndSaysWhatIsBorrowed(string device, string arch, bool borrowed, long blas)
    {
        var memory = Model("--device", device);
        var model = memory.GetProperty("model");
        Assert.Equal(arch, model.GetProperty("gpu_arch").GetString());
        Assert.Equal(borrowed, model.GetProperty("profile_borrowed").GetBoolean());
        Assert.Equal(blas, model.GetProperty("blas_workspace_bytes").GetInt64());
        // two handles (the forward and the autograd thread) plus the libraries' 1 MiB
        Assert.Equal((2 * blas) + (1L << 20), memory.GetProperty("device").GetProperty("library_workspace_bytes").GetInt64());
    }

    [Fact]
    public void NoDevice_FollowsTheMeasuredArchitecture()
    {
        var model = Model("--backend", "cuda").GetProperty("model");
        Assert.Equal("sm_90", model.GetProperty("gpu_arch").GetString());
        Assert.False(model.GetProperty("profile_borrowed").GetBoolean());
        var cpu = Model("--backend", "cpu").GetProperty("model"); // the CPU model has no GPU architecture
        Assert.False(cpu.TryGetProperty("gpu_arch", out _));
        Assert.False(cpu.GetProperty("profile_borrowed").GetBoolean());
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("html")]
    public void BorrowedProfile_IsSaid_InEveryFormat(string format)
    {
        var r = CliRun.Of("analyze", "resnet18", "--device", "rtx4090", "--format", format);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("borrowed from the measurements on an NVIDIA H200", r.Out, StringComparison.Ordinal);
        var fit = CliRun.Of("fit", "resnet18", "--device", "rtx4090");
        Assert.Contains("sm_89: cuBLAS workspaces by PyTorch's rule", fit.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("borrowed", CliRun.Of("fit", "resnet18", "--device", "h100").Out, StringComparison.Ordinal);
    }
}
