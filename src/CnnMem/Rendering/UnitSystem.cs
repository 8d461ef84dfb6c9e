namespace CnnMem.Rendering;

/// <summary>How byte sizes are printed: decimal SI prefixes (kB = 10^3 bytes) or binary IEC ones (KiB = 2^10 bytes).</summary>
public enum UnitSystem
{
    /// <summary>kB, MB, GB = 10^3, 10^6, 10^9 bytes (the default, as disk and the oracle's prose use).</summary>
    Si,

    /// <summary>KiB, MiB, GiB = 2^10, 2^20, 2^30 bytes (as nvidia-smi and allocators count).</summary>
    Iec,
}
