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
            await body.FlushAsync(token).ConfigureAwait(false);
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame)) body.Write(frame);
                await body.FlushAsync(token).ConfigureAwait(false);
            }

            if (subscription.FinalFrame is { } overflow)
            {
                body.Write(overflow);
                await body.FlushAsync(token).ConfigureAwait(false);
                RpcLog.EventSubscriberDropped(_log, context.Connection.RemoteIpAddress, _hub.BufferCapacity);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left, the server stops, or a dropped subscriber did not take its last frames in time.
            if (subscription.Dropped.IsCancellationRequested) context.Abort();
        }
    }
}
