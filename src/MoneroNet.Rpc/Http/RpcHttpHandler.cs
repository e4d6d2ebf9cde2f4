using System.Diagnostics;
using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// The HTTP side of monerod's RPC server (docs/PROTOCOL.md §7.1): the request target is matched exactly and whole (query
/// string included), the HTTP method does not matter except OPTIONS, a request larger than the limit in total is
/// answered by closing the connection, and every answer carries monerod's headers and reason phrases. A request a
/// binary endpoint reports as failing adds to the caller's RPC fail score (<see cref="RpcHostGuard"/>, §7.8).
/// <c>/metrics</c> (not monerod's) is answered only with a <see cref="MetricsExposition"/>, which a restricted server
/// never has: there it is a 404 like any unknown target.
/// </summary>
internal sealed class RpcHttpHandler
{
    private readonly RpcMethodRegistry _registry;
    private readonly bool _restricted;
    private readonly int _maxRequestBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _httpLog;
    private readonly JsonRpcDispatcher _jsonRpc;
    private readonly UriEndpointDispatcher _uris;
    private readonly BinaryEndpointDispatcher _binary;
    private readonly RpcHostGuard _guard;
    private readonly MetricsExposition? _metrics;

    public RpcHttpHandler(
        RpcMethodRegistry registry, bool restricted, int maxRequestBytes, TimeProvider time, RpcHostGuard guard, ILogger httpLog, ILogger rpcLog,
        MetricsExposition? metrics = null)
    {
        _registry = registry;
        _restricted = restricted;
        _maxRequestBytes = maxRequestBytes;
        _time = time;
        _httpLog = httpLog;
        _metrics = restricted ? null : metrics;
        var requests = _metrics?.Requests;
        _jsonRpc = new JsonRpcDispatcher(registry, restricted, rpcLog, requests);
        _uris = new UriEndpointDispatcher(rpcLog, requests);
        _binary = new BinaryEndpointDispatcher(rpcLog, requests);
        _guard = guard;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var body = await ReadWithinLimitAsync(context, target).ConfigureAwait(false);
        if (body is null)
        {
            // monerod drops a connection whose request outgrows MAX_RPC_CONTENT_LENGTH without answering it.
            RpcLog.RequestTooLarge(_httpLog, target, _maxRequestBytes);
            context.Abort();
            return;
        }

        var reply = await RouteAsync(context, target, body, context.RequestAborted).ConfigureAwait(false);
        await EpeeResponseWriter.WriteAsync(context, reply, _time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
    }

    private async ValueTask<RpcReply> RouteAsync(HttpContext context, string target, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            return EpeeResponseWriter.OptionsReply;
        }

        if (target == RpcMethodRegistry.JsonRpcPath)
        {
            return await _jsonRpc.DispatchAsync(body, cancellationToken).ConfigureAwait(false);
        }

        if (_registry.TryGetUriEndpoint(target, out var method) && (!_restricted || method.AllowedInRestrictedMode))
        {
            return await _uris.DispatchAsync(target, method, body, cancellationToken).ConfigureAwait(false);
        }

        if (_registry.TryGetBinaryEndpoint(target, out var binary) && (!_restricted || binary.AllowedInRestrictedMode))
        {
            var (reply, failScore) = await _binary.DispatchAsync(target, binary, body, cancellationToken).ConfigureAwait(false);
            if (failScore > 0 && context.Connection.RemoteIpAddress is { } remote)
            {
                // The answer still goes out and the connection stays open, as in monerod (§7.8).
                _guard.AddHostFail(remote, failScore);
            }

            return reply;
        }

        if (_metrics is not null)
        {
            var start = Stopwatch.GetTimestamp();
            if (target == RpcRequestMetrics.MetricsPath)
            {
                var exposition = await _metrics.ScrapeAsync(cancellationToken).ConfigureAwait(false);
                _metrics.Requests.Record(RpcRequestMetrics.MetricsPath, start);
                return RpcReply.Pooled(exposition, MetricsExposition.ContentType);
            }

            _metrics.Requests.Record(RpcRequestMetrics.Unknown, start);
        }

        return RpcReply.NotFound;
    }

    /// <summary>The body, or null when request line + headers + body exceed the limit.</summary>
    private async Task<byte[]?> ReadWithinLimitAsync(HttpContext context, string target)
    {
        var budget = _maxRequestBytes - RequestHeadSize.Estimate(context.Request, target);
        if (budget < 0 || context.Request.ContentLength > budget)
        {
            return null;
        }

        try
        {
            return await BoundedBodyReader.ReadAsync(context.Request.Body, context.Request.ContentLength, budget, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own body limits or a malformed chunked body: monerod would close here too.
            RpcLog.BadRequestBody(_httpLog, e);
            return null;
        }
    }
}
