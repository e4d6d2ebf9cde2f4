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
        // A JSON body was printed once into pooled segments, so its length is known (Content-Length, as monerod
        // sends) and it goes into the response pipe a segment at a time (get_connections at 10,000 peers is 7 MB).
        var jsonBody = reply.JsonBody;
        var length = jsonBody?.Length ?? reply.Body.Length;
        response.ContentLength = length;
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

        if (jsonBody is not null)
        {
            try
            {
                await jsonBody.CopyToAsync(response.BodyWriter, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                reply.ReleaseJsonBody();
            }
        }
        else if (length > 0)
        {
            await response.Body.WriteAsync(reply.Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
