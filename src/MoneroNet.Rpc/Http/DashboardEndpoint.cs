using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// <c>GET /dashboard</c> and its script and style sheet, embedded in this assembly (nothing is fetched from
/// elsewhere: the Content-Security-Policy allows the node's own origin only, so the page can reach /json_rpc and
/// /events and nothing else).
/// </summary>
internal sealed class DashboardEndpoint
{
    public const string PagePath = "/dashboard";

    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Assets =
        new Dictionary<string, (string, string)>
        {
            [PagePath] = ("dashboard/dashboard.html", "text/html; charset=utf-8"),
            [PagePath + "/dashboard.js"] = ("dashboard/dashboard.js", "text/javascript; charset=utf-8"),
            [PagePath + "/dashboard.css"] = ("dashboard/dashboard.css", "text/css; charset=utf-8"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, byte[]> _bodies;

    public DashboardEndpoint()
    {
        var assembly = typeof(DashboardEndpoint).Assembly;
        _bodies = Assets.ToFrozenDictionary(pair => pair.Key, pair => Read(assembly, pair.Value.Resource), StringComparer.Ordinal);
    }

    public static bool Serves(string target) => Assets.ContainsKey(target);

    public async Task HandleAsync(HttpContext context, string target)
    {
        var body = _bodies[target];
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.Server = "Epee-based";
        response.ContentType = Assets[target].ContentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.XContentTypeOptions = "nosniff";
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded dashboard asset {resource} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
