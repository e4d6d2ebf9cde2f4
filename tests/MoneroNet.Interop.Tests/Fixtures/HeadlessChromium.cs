using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Debian's real Chromium (/usr/bin/chromium), headless, driven over the DevTools protocol on a loopback WebSocket:
/// open a page, evaluate JavaScript in it, take a PNG screenshot. Started with everything that would reach past
/// loopback switched off (background networking, sync, component updates, crash reports). Disposing kills it.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _receiving = Task.CompletedTask;
    private int _nextId;
    private string? _sessionId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static void RequireInstalled()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./run-tests does)");
    }

    /// <summary>Starts Chromium and opens one tab of <paramref name="width"/> x <paramref name="height"/> CSS pixels.</summary>
    public static async Task<HeadlessChromium> StartAsync(int width, int height, CancellationToken ct)
    {
        RequireInstalled();
        string profile = Directory.CreateTempSubdirectory("moneronet-chromium-").FullName;
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--disable-breakpad",
            "--no-pings", "--metrics-recording-only", "--mute-audio", "--hide-scrollbars",
            $"--window-size={width},{height}", "about:blank",
        ];
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) { endpoint.TrySetException(new InvalidOperationException("chromium exited:\n" + stderr)); return; }
                lock (stderr) stderr.AppendLine(e.Data);
                if (DevToolsLine().Match(e.Data) is { Success: true } m) endpoint.TrySetResult(m.Groups[1].Value);
            };
            process.BeginErrorReadLine();
            string url = await endpoint.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            LoopbackGuard.RequireLoopbackUrl(url);
            await browser.ConnectAsync(new Uri(url), width, height, ct);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://127\.0\.0\.1:\d+/\S+)")]
    private static partial Regex DevToolsLine();

    private async Task ConnectAsync(Uri url, int width, int height, CancellationToken ct)
    {
        await _socket.ConnectAsync(url, ct);
        _receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, ct, session: false);
        string targetId = target.GetProperty("targetId").GetString()!;
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, ct, session: false);
        _sessionId = attached.GetProperty("sessionId").GetString();
        await SendAsync("Page.enable", new JsonObject(), ct);
        await SendAsync("Runtime.enable", new JsonObject(), ct);
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
        }, ct);
    }

    /// <summary>Navigates the tab; the page's own loading continues after this returns.</summary>
    public async Task NavigateAsync(Uri url, CancellationToken ct)
    {
        LoopbackGuard.RequireLoopbackUrl(url.ToString());
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() }, ct);
        if (result.TryGetProperty("errorText", out var error))
            throw new InvalidOperationException($"navigation to {url} failed: {error.GetString()}");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (promises awaited) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true,
        }, ct);
        if (result.TryGetProperty("exceptionDetails", out var exception))
            throw new InvalidOperationException("page script failed: " + exception.GetRawText());
        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? v.Clone() : default;
    }

    /// <summary>A PNG of the whole page (beyond the viewport when the page is taller).</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken ct)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png", ["captureBeyondViewport"] = true,
        }, ct);
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject parameters, CancellationToken ct, bool session = true)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session) message["sessionId"] = _sessionId ?? throw new InvalidOperationException("no page attached");
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        await _sendLock.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _sendLock.Release();
        }
        try
        {
            return await answer.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = document.RootElement;
                if (!root.TryGetProperty("id", out var idElement) || !_pending.TryGetValue(idElement.GetInt32(), out var answer)) continue;
                if (root.TryGetProperty("error", out var error))
                    answer.TrySetException(new InvalidOperationException("DevTools: " + error.GetRawText()));
                else
                    answer.TrySetResult(root.GetProperty("result").Clone());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
        foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException("DevTools connection closed"));
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        await _receiving.ContinueWith(_ => { });
        _socket.Dispose();
        _process.Dispose();
        _closing.Dispose();
        _sendLock.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
