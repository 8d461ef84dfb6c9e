using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CnnMem.Web.Tests;

/// <summary>
/// Debian's chromium, headless, with DevTools on a port it picks itself (read back from its stderr).
/// <c>CNNMEM_CHROMIUM</c> names another executable.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CNNMEM_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    private readonly Process process;
    private readonly string profile;

    private Chromium(Process process, string profile, CdpConnection connection)
    {
        this.process = process;
        this.profile = profile;
        Connection = connection;
    }

    public CdpConnection Connection { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var profile = Directory.CreateTempSubdirectory("cnnmem-chromium-").FullName;
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", $"--user-data-dir={profile}", "--window-size=1400,1800", "about:blank",
        })
        {
            start.ArgumentList.Add(flag);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException($"chromium exited before DevTools listened:\n{string.Join('\n', stderr)}"));
                return;
            }
            lock (stderr)
            {
                stderr.Add(e.Data);
            }
            if (DevToolsLine().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var socket = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new Chromium(process, profile, await CdpConnection.ConnectAsync(socket));
    }

    /// <summary>A new tab, attached through the browser's connection.</summary>
    public async Task<BrowserPage> NewPageAsync()
    {
        var target = await Connection.SendAsync("Target.createTarget", new { url = "about:blank" });
        var attached = await Connection.SendAsync("Target.attachToTarget", new { targetId = target.GetProperty("targetId").GetString(), flatten = true });
        var page = new BrowserPage(Connection, attached.GetProperty("sessionId").GetString()!);
        await page.EnableAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.SendAsync("Browser.close", timeout: TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // already gone
        }
        await Connection.DisposeAsync();
        if (!process.WaitForExit(5000))
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // a helper process may still hold a file; the temp folder is cleaned later
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
