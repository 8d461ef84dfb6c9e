using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CnnMem.Tests.Packaging;

/// <summary>
/// Packs the dotnet tool (CnnMem.Tool) from the already built CLI, installs it into a temporary tool
/// path from that local folder only (own NuGet config and package cache: offline, never a stale
/// cached copy), and runs the installed <c>cnnmem</c>. Uses the build the tests run on
/// (<c>--no-build</c>, same configuration), so it costs seconds, not a rebuild.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _work = Directory.CreateTempSubdirectory("cnnmem-tool-").FullName;

    private static string RepoRoot([CallerFilePath] string caller = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", ".."));

    private static string PackageVersion =>
        typeof(CnnMem.Cli.CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    [Fact]
    public void PackedTool_InstallsFromLocalFolder_AndRuns()
    {
        var root = RepoRoot();
        var packages = Path.Combine(_work, "packages");
        Run("dotnet", root, "pack", Path.Combine(root, "src", "CnnMem.Cli"), "--no-build", "-c", Configuration, "-o", packages);
        var nupkg = Path.Combine(packages, $"CnnMem.Tool.{PackageVersion}.nupkg");
        Assert.True(File.Exists(nupkg), $"dotnet pack made no {nupkg}");
        AssertPackageContents(nupkg);

        var config = Path.Combine(_work, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(_work, "tools");
        Run("dotnet", root, "tool", "install", "--tool-path", tools, "--configfile", config, "CnnMem.Tool", "--version", PackageVersion);

        var cnnmem = Path.Combine(tools, OperatingSystem.IsWindows() ? "cnnmem.exe" : "cnnmem");
        Assert.StartsWith($"cnnmem {PackageVersion}", Run(cnnmem, root, "--version"));
        var json = JsonDocument.Parse(Run(cnnmem, root, "analyze", Path.Combine(root, "examples", "lenet5.cnn"), "--batch", "4", "--format", "json")).RootElement;
        Assert.Equal("lenet5", json.GetProperty("model").GetString());
        Assert.Equal(4, json.GetProperty("batch").GetInt64());
        Assert.Equal(61_706, json.GetProperty("totals").GetProperty("params").GetInt64());
    }

    /// <summary>The tool package carries the framework-dependent CLI, the README, the license and the libraries' XML docs.</summary>
    private static void AssertPackageContents(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("README.md", names);
        Assert.Contains("LICENSE", names);
        Assert.Contains("tools/net10.0/any/CnnMem.Cli.dll", names);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", names);
        Assert.Contains("tools/net10.0/any/CnnMem.xml", names);
        using var nuspec = new StreamReader(zip.GetEntry("CnnMem.Tool.nuspec")!.Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<license type=\"expression\">MIT</license>", text);
        Assert.Contains("<packageTypes>", text);
    }

    private string Run(string file, string cwd, params string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_work, "nuget-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in 5 minutes");
        }
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {p.ExitCode}:\n{stdout}\n{stderr.Result}");
        return stdout;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
