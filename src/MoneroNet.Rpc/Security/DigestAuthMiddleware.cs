using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MoneroNet.Rpc.Http;

namespace MoneroNet.Rpc.Security;

/// <summary>
/// --rpc-login: every request except OPTIONS (which monerod answers before authentication) must carry a digest answer
/// for the connection's current nonce, otherwise it gets monerod's 401 with a new nonce. The state lives with the
/// connection, as in monerod, so a client must answer a challenge on the connection it came from.
/// </summary>
internal sealed class DigestAuthMiddleware(RpcLogin login, int maxRequestBytes, TimeProvider time, ILogger logger)
{
    private static readonly object SessionKey = new();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // monerod answers OPTIONS without looking at credentials, and drops an oversized request before it would.
        if (HttpMethods.IsOptions(context.Request.Method) || context.Request.ContentLength > maxRequestBytes)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var session = SessionOf(context);
        var stale = false;
        var header = context.Request.Headers.Authorization;
        if (header.Count > 0)
        {
            session.CountAttempt();
            var parsed = DigestAuthorization.TryParse(header[0] ?? "");
            var verdict = parsed is null ? DigestVerdict.Fail : DigestVerifier.Verify(context.Request.Method, parsed, session, login);
            if (verdict == DigestVerdict.Pass)
            {
                await next(context).ConfigureAwait(false);
                return;
            }
            stale = verdict == DigestVerdict.Stale;
            RpcLog.LoginRefused(logger, context.Connection.RemoteIpAddress, verdict);
        }

        var nonce = session.NewChallenge();
        context.Response.Headers.WWWAuthenticate = DigestChallenge.Headers(nonce, stale);
        await EpeeResponseWriter.WriteAsync(context, DigestChallenge.Reply, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
    }

    private static DigestSession SessionOf(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
            return new DigestSession(); // no connection state available: every request is challenged afresh
        if (items.TryGetValue(SessionKey, out var existing) && existing is DigestSession session)
            return session;
        session = new DigestSession();
        items[SessionKey] = session;
        return session;
    }
}
