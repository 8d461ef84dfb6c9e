using System.Diagnostics;

namespace CnnMem.Web.Tests;

/// <summary>
/// The web app as static files: `dotnet publish src/CnnMem.Web -c Release` (incremental after the first time),
/// or the folder <c>CNNMEM_WEB_PUBLISHED</c> names when it is already published.
/// </summary>
public static class PublishedApp
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static (string Folder, TimeSpan Took) Publish()
    {
        if (Environment.GetEnvironmentVariable("CNNMEM_WEB_PUBLISHED") is { Length: > 0 } given)
        {
            return (given, TimeSpan.Zero);
        }
        var project = Path.Combine(RepositoryRoot, "src", "CnnMem.Web", "CnnMem.Web.csproj");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var a in new[] { "publish", project, "-c", "Release", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(a);
        }
        // The test host's MSBuild variables point at the running build; the child builds on its own.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish src/CnnMem.Web took more than 15 minutes");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish src/CnnMem.Web failed ({p.ExitCode}):\n{output.Result}\n{errors.Result}");
        }
        var folder = Path.Combine(RepositoryRoot, "src", "CnnMem.Web", "bin", "Release", "net10.0", "publish", "wwwroot");
        return File.Exists(Path.Combine(folder, "index.html"))
            ? (folder, clock.Elapsed)
            : throw new InvalidOperationException($"dotnet publish succeeded but {folder}/index.html is missing");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CnnMem.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CnnMem.slnx not found above " + AppContext.BaseDirectory);
    }
}
