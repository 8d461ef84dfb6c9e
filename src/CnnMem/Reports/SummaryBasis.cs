namespace CnnMem.Reports;

/// <summary>Where the summary's two memory figures come from (<c>summary.basis</c> in the JSON).</summary>
public enum SummaryBasis
{
    /// <summary>The textbook method (activations, parameters, gradients, optimizer state); the framework model did not run.</summary>
    Textbook,

    /// <summary>The framework model on the CPU: static memory plus the peak above it.</summary>
    CpuStaticPlusPeak,

    /// <summary>The framework model on CUDA without a device view: static memory plus the peak above it.</summary>
    CudaStaticPlusPeak,

    /// <summary>The CUDA device view: the context, the caching allocator's reserved memory and every part of it.</summary>
    CudaDeviceTotal,
}
