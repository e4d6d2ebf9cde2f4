using MoneroNet.Rpc.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// The URIs beyond monerod that stay open for as long as a client watches: <c>/events</c> and <c>/dashboard</c>
/// (docs/OBSERVABILITY.md). Matched exactly, as every RPC target is; anything else goes on to the RPC handler. Only
/// the unrestricted server installs this (the restricted one answers 404, as monerod does for get_connections),
/// and it runs after --rpc-login's digest check.
/// </summary>
internal sealed class ObservabilityRoutes
{
    public const string EventsPath = "/events";

    private readonly EventStreamEndpoint? _events;
    private readonly DashboardEndpoint _dashboard = new();

    public ObservabilityRoutes(NodeEventHub? hub, ILogger log, CancellationToken stopping)
    {
        if (hub is not null) _events = new EventStreamEndpoint(hub, log, stopping);
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (HttpMethods.IsOptions(context.Request.Method)) return next(context);
        if (target == EventsPath && _events is not null) return _events.HandleAsync(context);
        if (DashboardEndpoint.Serves(target)) return _dashboard.HandleAsync(context, target);
        return next(context);
    }
}
