using System.Text.Json;

namespace CnnMem.Web.Tests;

/// <summary>One tab: navigate, evaluate JavaScript, wait for a condition, choose a file, take a screenshot.</summary>
public sealed class BrowserPage(CdpConnection connection, string sessionId)
{
    public Task EnableAsync() => Task.WhenAll(Send("Runtime.enable"), Send("Page.enable"));

    public Task NavigateAsync(string url) => Send("Page.navigate", new { url });

    /// <summary>The value of a JavaScript expression (promises awaited); throws on a JavaScript exception.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var r = await Send("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (r.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException($"JavaScript failed: {error}");
        }
        return r.GetProperty("result").TryGetProperty("value", out var v) ? v.Clone() : default;
    }

    /// <summary>The text of the first element matching a CSS selector, or null when there is none.</summary>
    public async Task<string?> TextAsync(string selector)
    {
        var v = await EvaluateAsync($"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); return e ? e.textContent : null; }})()");
        return v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the selector's text; the failure names what was last seen.</summary>
    public async Task<string> WaitForTextAsync(string selector, Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await TextAsync(selector);
            if (last is not null && condition(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what}: after {timeout.TotalSeconds:0} s '{selector}' shows {(last is null ? "nothing" : $"'{last.Trim()}'")}\npage log:\n{string.Join('\n', connection.Log)}");
    }

    /// <summary>Types into a textarea as a person would: sets its value and fires the input event Blazor listens to.</summary>
    public Task TypeAsync(string selector, string text) => EvaluateAsync(
        $"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); e.value = {JsonSerializer.Serialize(text)}; e.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()");

    /// <summary>Chooses a file in an &lt;input type=file&gt;, which fires its change event.</summary>
    public async Task SetFileAsync(string selector, string path)
    {
        var document = await Send("DOM.getDocument", new { depth = 0 });
        var root = document.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await Send("DOM.querySelector", new { nodeId = root, selector });
        await Send("DOM.setFileInputFiles", new { files = new[] { path }, nodeId = node.GetProperty("nodeId").GetInt32() });
    }

    public async Task ScreenshotAsync(string path)
    {
        var shot = await Send("Page.captureScreenshot", new { format = "png" });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    /// <summary>Cuts the tab off the network (DevTools' "Offline"), or reconnects it.</summary>
    public async Task SetOfflineAsync(bool offline)
    {
        await Send("Network.enable");
        await Send("Network.emulateNetworkConditions", new { offline, latency = 0, downloadThroughput = -1, uploadThroughput = -1 });
    }

    public Task ReloadAsync() => Send("Page.reload", new { ignoreCache = false });

    public Task CloseAsync() => Send("Page.close");

    private Task<JsonElement> Send(string method, object? parameters = null) => connection.SendAsync(method, parameters, sessionId);
}
