using System.Runtime.InteropServices;
using SkiaSharp;

namespace CnnMem.Cli;

/// <summary>
/// PNG charts need SkiaSharp's native library (libSkiaSharp.so, .dylib or .dll), which a NativeAOT build cannot link
/// in: it ships beside the executable in the publish folder. This checks for it before any work is done, and turns
/// the loader's failure (a TypeInitializationException around a DllNotFoundException) into a message that names the
/// library, where it was looked for and how to fix it.
/// </summary>
internal static class SkiaLibrary
{
    /// <summary>The name SkiaSharp's P/Invokes use.</summary>
    public const string Name = "libSkiaSharp";

    /// <summary>The file the loader looks for on this OS.</summary>
    public static string FileName =>
        OperatingSystem.IsWindows() ? $"{Name}.dll" : OperatingSystem.IsMacOS() ? $"{Name}.dylib" : $"{Name}.so";

    /// <summary>Null when the library loads (as SkiaSharp's P/Invokes would find it), else the message for the user.</summary>
    public static string? Missing()
    {
        if (NativeLibrary.TryLoad(Name, typeof(SKCanvas).Assembly, null, out var handle))
        {
            NativeLibrary.Free(handle);
            return null;
        }
        return Message(AppContext.BaseDirectory);
    }

    /// <summary>The message for a missing library, the executable being in <paramref name="folder"/>.</summary>
    public static string Message(string folder) =>
        $"PNG charts need the native library {FileName} (SkiaSharp), which was not found beside the cnnmem executable " +
        $"({folder.TrimEnd('/', '\\')}) or on the system's library path. Copy {FileName} from the publish folder " +
        $"(src/CnnMem.Cli/bin/Release/net10.0/<rid>/publish/) next to cnnmem, as the README's install does, " +
        "or write SVG charts (--chart-format svg, the default)";

    /// <summary>The message when <paramref name="e"/> is SkiaSharp failing to load its native library, else null.</summary>
    public static string? Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DllNotFoundException dll && dll.Message.Contains(Name, StringComparison.Ordinal))
            {
                return Message(AppContext.BaseDirectory);
            }
        }
        return null;
    }
}
