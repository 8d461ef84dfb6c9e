using CnnMem.Core;
using CnnMem.Memory.Profiles;

namespace CnnMem.Memory.Models;

/// <summary>
/// The optimizer's figures for one device as the framework model runs it: the options' optimizer
/// (<see cref="MemoryOptions.Optimizer"/>) looked up in <see cref="OptimizerProfiles"/>, with the framework profile's
/// framework's facts beside it: whether the <c>step</c> tensors live where the state does
/// (<see cref="FrameworkProfile.OptimizerStepTensorsOnDevice"/>), which path the step takes
/// (<see cref="MemoryOptions.EffectiveForeach"/>) and which version's foreach code runs. No optimizer knowledge is written here.
/// </summary>
internal static class OptimizerModel
{
    /// <summary>The options' optimizer profile.</summary>
    public static OptimizerProfile Profile(MemoryOptions options) => OptimizerProfiles.Of(options.Optimizer);

    /// <summary>The state of parameters of <paramref name="paramBytes"/> in <paramref name="paramTensors"/> tensors.</summary>
    public static long StateBytes(MemoryOptions options, long paramBytes, int paramTensors) =>
        Profile(options).StateBytes(paramBytes, paramTensors, options.Profile.OptimizerStepTensorsOnDevice);

    /// <summary>The step's temporaries: per parameter on the for-loop path (the largest decides), for all parameters at once on the foreach path.</summary>
    public static long StepTemporaryBytes(MemoryOptions options, long largestParamBytes, long totalParamBytes) =>
        Profile(options).StepTemporaryBytes(largestParamBytes, totalParamBytes, options.EffectiveForeach, PyTorch113(options));

    /// <summary>The step's temporaries alive at once per parameter on the options' path (the CUDA replay's step).</summary>
    public static int Temporaries(MemoryOptions options) => Profile(options).Temporaries(options.EffectiveForeach, PyTorch113(options));

    private static bool PyTorch113(MemoryOptions options) => options.Framework == Framework.PyTorch113;
}
