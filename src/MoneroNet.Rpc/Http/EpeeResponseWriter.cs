using System.Globalization;
using MoneroNet.Rpc.Dispatch;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// Puts an <see cref="RpcReply"/> on the wire with monerod's status line and headers: "HTTP/1.1 200 Ok",
/// <c>Server: Epee-based</c>, <c>Content-Length</c>, <c>Content-Type</c>, <c>Last-Modified</c> (now),
/// <c>Accept-Ranges: bytes</c>, and <c>Connection: close</c> when the connection ends after it. Kestrel decides the
/// header order and always adds a <c>Date</c> header when it writes the head (monerod sends none; clients ignore it).
/// </summary>
internal static class EpeeResponseWriter
{
    /// <summary>monerod answers OPTIONS with "200 OK" (capital K), an empty body and no Content-Type.</summary>
    public static readonly RpcReply OptionsReply = new(200, "OK", [], null, false);

    public static async Task WriteAsync(HttpContext context, RpcReply reply, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = reply.StatusCode;
        var responseFeature = context.Features.Get<IHttpResponseFeature>();
        if (responseFeature is not null)
        {
            responseFeature.ReasonPhrase = reply.ReasonPhrase;
        }

        var headers = response.Headers;
        headers.Server = "Epee-based";
        response.ContentLength = reply.Body.Length;
        if (reply.ContentType is not null)
        {
            response.ContentType = reply.ContentType;
        }

        headers.LastModified = now.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        headers.AcceptRanges = "bytes";
        if (reply.CloseConnection)
        {
            headers.Connection = "close";
        }

        if (reply.Body.Length > 0)
        {
            await response.Body.WriteAsync(reply.Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
