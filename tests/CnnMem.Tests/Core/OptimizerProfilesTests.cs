using System.Text.Json;
using CnnMem.Core;
using CnnMem.Tests.Memory;

namespace CnnMem.Tests.Core;

/// <summary>
/// The optimizer table (<see cref="OptimizerProfiles"/>) against PyTorch's rules: the state keys and expressions read in
/// torch/optim, and PyTorch 1.13's own optimizers measured on the CPU (<c>tools/oracle/measure_optimizers.py</c>,
/// TestData/measured/optimizers: float32 parameters of 37,632, 256, 2,048,000 and 28 bytes).
/// </summary>
public class OptimizerProfilesTests
{
    private static readonly long[] Params = [37_632, 256, 2_048_000, 28];

    [Fact]
    public void Table_HasOneProfilePerOptimizer_InDeclarationOrder()
    {
        Assert.Equal(Enum.GetValues<Optimizer>(), OptimizerProfiles.All.Select(p => p.Optimizer));
        foreach (var o in Enum.GetValues<Optimizer>())
        {
            Assert.Equal(o, OptimizerProfiles.Of(o).Optimizer);
            Assert.False(string.IsNullOrWhiteSpace(OptimizerProfiles.Of(o).Source));
        }
    }

    // PyTorch's state keys (adam.py state['exp_avg'], ...) and whether a 0-d step tensor is kept beside them
    [Theory]
    [InlineData(Optimizer.Sgd, "", false)]
    [InlineData(Optimizer.Momentum, "momentum_buffer", false)]
    [InlineData(Optimizer.Adam, "exp_avg exp_avg_sq", true)]
    [InlineData(Optimizer.AdamW, "exp_avg exp_avg_sq", true)]
    [InlineData(Optimizer.RmsProp, "square_avg", false)]
    [InlineData(Optimizer.Adagrad, "sum", true)]
    public void StateSlots_ArePyTorchsStateKeys(Optimizer o, string keys, bool step)
    {
        var p = OptimizerProfiles.Of(o);
        Assert.Equal(keys, string.Join(' ', p.StateSlots));
        Assert.Equal(step, p.StepTensor);
    }

    // the parameter list above, 2,085,916 bytes in 4 tensors: slots x bytes, and 4 bytes per tensor for a step tensor
    [Theory]
    [InlineData(Optimizer.Sgd, 0L, 0L)]
    [InlineData(Optimizer.Momentum, 2_085_916L, 2_085_916L)]
    [InlineData(Optimizer.Adam, 4_171_848L, 4_171_832L)]
    [InlineData(Optimizer.AdamW, 4_171_848L, 4_171_832L)]
    [InlineData(Optimizer.RmsProp, 2_085_916L, 2_085_916L)]
    [InlineData(Optimizer.Adagrad, 2_085_932L, 2_085_916L)]
    public void StateBytes_ForAParameterList(Optimizer o, long withSteps, long stepsElsewhere)
    {
        var p = OptimizerProfiles.Of(o);
        Assert.Equal(withSteps, p.StateBytes(Params.Sum(), Params.Length, stepTensorsHere: true));
        Assert.Equal(stepsElsewhere, p.StateBytes(Params.Sum(), Params.Length, stepTensorsHere: false));
    }

    // for-loop: copies of the largest parameter (Adam's sqrt and quotient, the others' sqrt), the same in both versions;
    // foreach: copies of the whole list: 2.x's _multi_tensor_* one _foreach_sqrt list (Adagrad's numerator beside it),
    // 1.13's also Adam's denom and Adagrad's product and quotient; every other update in place
    [Theory]
    [InlineData(Optimizer.Sgd, 0L, 0L, 0L)]
    [InlineData(Optimizer.Momentum, 0L, 0L, 0L)]
    [InlineData(Optimizer.Adam, 4_096_000L, 2_085_916L, 4_171_832L)]
    [InlineData(Optimizer.AdamW, 4_096_000L, 2_085_916L, 4_171_832L)]
    [InlineData(Optimizer.RmsProp, 2_048_000L, 2_085_916L, 2_085_916L)]
    [InlineData(Optimizer.Adagrad, 2_048_000L, 4_171_832L, 6_257_748L)]
    public void StepTemporaries_PerPath(Optimizer o, long forLoop, long foreach2, long foreach113)
    {
        var p = OptimizerProfiles.Of(o);
        Assert.Equal(forLoop, p.StepTemporaryBytes(Params.Max(), Params.Sum(), multiTensor: false, pyTorch113: false));
        Assert.Equal(forLoop, p.StepTemporaryBytes(Params.Max(), Params.Sum(), multiTensor: false, pyTorch113: true));
        Assert.Equal(foreach2, p.StepTemporaryBytes(Params.Max(), Params.Sum(), multiTensor: true, pyTorch113: false));
        Assert.Equal(foreach113, p.StepTemporaryBytes(Params.Max(), Params.Sum(), multiTensor: true, pyTorch113: true));
        Assert.Equal(forLoop, p.ForLoopTemporaryBytes(Params.Max()));
    }

    public static IEnumerable<object[]> Runs() => Measured().Runs.Select(r => new object[] { r.Name, r.Foreach });

    /// <summary>PyTorch 1.13's optimizers keep exactly the state the table gives (on the CPU the step tensors are on the device), on both paths.</summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public void StateBytes_EqualPyTorch113Measured(string name, bool foreachPath)
    {
        var (param, runs) = Measured();
        var run = runs.Single(r => r.Name == name && r.Foreach == foreachPath);
        Assert.Equal(run.StateBytes, OptimizerProfiles.Of(Optimizers.Parse(name)).StateBytes(param.Sum(), param.Length, stepTensorsHere: true));
    }

    /// <summary>
    /// The for-loop path's temporaries (1.13's default path, unchanged in 2.x) as measured: at least the table's figure and
    /// at most one more parameter, the previous parameter's result (<c>denom</c>, <c>avg</c>, <c>std</c>) that the loop
    /// keeps in a local until the next iteration replaces it; the table leaves it out (the largest tensor's
    /// neighbour is small in the networks measured).
    /// </summary>
    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("rmsprop")]
    [InlineData("adagrad")]
    public void ForLoopTemporaries_BoundPyTorch113Measured(string name)
    {
        var (param, runs) = Measured();
        var measured = runs.Single(r => r.Name == name && !r.Foreach).StepTemporaryPeakBytes;
        var p = OptimizerProfiles.Of(Optimizers.Parse(name));
        var figure = p.ForLoopTemporaryBytes(param.Max());
        var previous = p.ForLoopTemporaries.IsEmpty ? 0 : param.Where(b => b != param.Max()).Max();
        Assert.InRange(measured, figure, figure + previous);
    }

    /// <summary>PyTorch 1.13's foreach path (<c>foreach=True</c>) makes exactly the lists the table gives for 1.13.</summary>
    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("rmsprop")]
    [InlineData("adagrad")]
    public void ForeachTemporaries_EqualPyTorch113Measured(string name)
    {
        var (param, runs) = Measured();
        var measured = runs.Single(r => r.Name == name && r.Foreach).StepTemporaryPeakBytes;
        Assert.Equal(measured, OptimizerProfiles.Of(Optimizers.Parse(name)).ForeachTemporaryBytes(param.Sum(), pyTorch113: true));
    }

    private static (long[] Params, IReadOnlyList<MeasuredRun> Runs) Measured()
    {
        var file = Path.Combine(OracleComparison.MeasuredDir, "optimizers", "torch113_cpu.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement;
        Assert.StartsWith("1.13", root.GetProperty("torch").GetString(), StringComparison.Ordinal);
        var param = root.GetProperty("param_bytes").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var runs = root.GetProperty("runs").EnumerateArray().Select(r => new MeasuredRun(
            r.GetProperty("optimizer").GetString()!,
            r.GetProperty("foreach").GetBoolean(),
            r.GetProperty("state_bytes").GetInt64(),
            r.GetProperty("step_temporary_peak_bytes").GetInt64())).ToList();
        Assert.Equal(2 * Enum.GetValues<Optimizer>().Length, runs.Count);
        return (param, runs);
    }

    private sealed record MeasuredRun(string Name, bool Foreach, long StateBytes, long StepTemporaryPeakBytes);
}
