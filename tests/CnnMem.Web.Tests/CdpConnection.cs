using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CnnMem.Web.Tests;

/// <summary>
/// A minimal Chrome DevTools protocol client over one WebSocket: numbered commands (optionally to an attached
/// page's session) whose replies are matched by id; events are kept only as console and exception text.
/// </summary>
public sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly CancellationTokenSource closing = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private Task? receiving;
    private int nextId;

    /// <summary>Console messages and uncaught exceptions of the page, for failure messages.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public static async Task<CdpConnection> ConnectAsync(Uri browserSocket)
    {
        var c = new CdpConnection();
        c.socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await c.socket.ConnectAsync(browserSocket, CancellationToken.None);
        c.receiving = Task.Run(c.ReceiveLoop);
        return c;
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }
        return await reply.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var r = await socket.ReceiveAsync(buffer, closing.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                message.Write(buffer, 0, r.Count);
                if (r.EndOfMessage)
                {
                    Dispatch(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // closing, or the browser went away: pending commands fail below
        }
        foreach (var p in pending.Values)
        {
            p.TrySetException(new InvalidOperationException("the DevTools connection closed"));
        }
    }

    private void Dispatch(JsonElement m)
    {
        if (m.TryGetProperty("id", out var id))
        {
            if (pending.TryRemove(id.GetInt32(), out var reply))
            {
                if (m.TryGetProperty("error", out var error))
                {
                    reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                }
                else
                {
                    reply.TrySetResult(m.GetProperty("result"));
                }
            }
            return;
        }
        var method = m.TryGetProperty("method", out var name) ? name.GetString() : null;
        if (method is "Runtime.consoleAPICalled" or "Runtime.exceptionThrown" or "Log.entryAdded")
        {
            Log.Enqueue(m.GetProperty("params").ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        if (receiving is not null)
        {
            await receiving.ConfigureAwait(false);
        }
        socket.Dispose();
        closing.Dispose();
        sending.Dispose();
    }
}
