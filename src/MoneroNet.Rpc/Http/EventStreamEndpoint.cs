using System.Buffers;
using MoneroNet.Rpc.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// <c>GET /events</c>: the node's events as Server-Sent Events (text/event-stream), one JSON object per
/// <c>data:</c> line. The stream is Kestrel's response body: each wake-up writes every frame buffered so far and
/// flushes once, so an event reaches the client as soon as it is published and a burst costs one flush. No thread
/// waits per subscriber; an idle stream is an awaiting task. Over the subscriber cap the answer is 503.
/// </summary>
internal sealed class EventStreamEndpoint
{
    /// <summary>The first bytes: tells EventSource to reconnect after 2 s if the stream breaks.</summary>
    private static readonly byte[] Preamble = ": moneronet events\nretry: 2000\n\n"u8.ToArray();

    private readonly NodeEventHub _hub;
    private readonly CancellationToken _stopping;
    private readonly ILogger _log;

    public EventStreamEndpoint(NodeEventHub hub, ILogger log, CancellationToken stopping)
    {
        _hub = hub;
        _stopping = stopping;
        _log = log;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.Server = "Epee-based";
        using var subscription = _hub.TrySubscribe();
        if (subscription is null)
        {
            RpcLog.EventSubscriberRefused(_log, context.Connection.RemoteIpAddress, _hub.MaxSubscribers);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = "5";
            response.ContentType = "text/plain";
            response.ContentLength = 0;
            return;
        }

        RpcLog.EventSubscriberJoined(_log, context.Connection.RemoteIpAddress, _hub.SubscriberCount);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping, subscription.Dropped);
        var token = cancel.Token;
        var body = response.BodyWriter;
        var reader = subscription.Reader;
        try
        {
            body.Write(Preamble);
            if (!await FlushedAsync(body, token).ConfigureAwait(false)) return;
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame)) body.Write(frame);
                if (!await FlushedAsync(body, token).ConfigureAwait(false)) break;
            }

            if (subscription.FinalFrame is { } overflow && !token.IsCancellationRequested)
            {
                body.Write(overflow);
                await FlushedAsync(body, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left, the server stops, or a dropped subscriber did not take its last frames in time.
        }
        finally
        {
            if (subscription.Overflowed) RpcLog.EventSubscriberDropped(_log, context.Connection.RemoteIpAddress, _hub.BufferCapacity);
            // A stuck subscriber's connection is cut: its unsent bytes would otherwise hold it open.
            if (subscription.Dropped.IsCancellationRequested) context.Abort();
        }
    }

    /// <summary>Flushes; false when the flush was cancelled or the client is gone (Kestrel reports both in the result).</summary>
    private static async ValueTask<bool> FlushedAsync(System.IO.Pipelines.PipeWriter body, CancellationToken token)
    {
        var result = await body.FlushAsync(token).ConfigureAwait(false);
        return !result.IsCanceled && !result.IsCompleted;
    }
}
