using Microsoft.AspNetCore.Http;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// --rpc-access-control-origins as monerod's HTTP server answers: when a request's <c>Origin</c> is one of the listed
/// origins (or "*" is listed), every response to it carries <c>Access-Control-Allow-Origin: &lt;that origin&gt;</c>,
/// <c>Access-Control-Expose-Headers: www-authenticate</c> and <c>Access-Control-Allow-Methods: POST, PUT, GET,
/// OPTIONS</c>, and a preflight (OPTIONS) also <c>Access-Control-Allow-Headers: Content-Type, Authorization,
/// X-Requested-With</c> (epee http_protocol_handler.inl). Installed first, so the headers reach 401s too.
/// </summary>
internal sealed class CorsHeaders(IReadOnlyCollection<string> origins)
{
    private readonly HashSet<string> _origins = new(origins, StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && (_origins.Contains("*") || _origins.Contains(origin)))
        {
            var headers = context.Response.Headers;
            headers["Access-Control-Allow-Origin"] = origin;
            headers["Access-Control-Expose-Headers"] = "www-authenticate";
            if (HttpMethods.IsOptions(context.Request.Method))
                headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization, X-Requested-With";
            headers["Access-Control-Allow-Methods"] = "POST, PUT, GET, OPTIONS";
        }
        return next(context);
    }
}
