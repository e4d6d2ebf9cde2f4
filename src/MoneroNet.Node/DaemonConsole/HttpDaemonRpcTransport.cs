using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MoneroNet.Rpc.Security;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// The daemon RPC over HTTP, to MoneroNet or monerod. With a login, HTTP digest authentication answers the node's
/// challenge as monerod's own client does (docs/PROTOCOL.md §7.6); .NET's handler implements the MD5/qop=auth scheme.
/// Bodies are sent buffered with Content-Length: epee's HTTP server does not read chunked request bodies.
/// </summary>
internal sealed class HttpDaemonRpcTransport : IDaemonRpcTransport, IDisposable
{
    /// <summary>One request's bound: a node that accepts but never answers must not hang the client.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;

    public HttpDaemonRpcTransport(IPEndPoint endPoint, RpcLogin? login)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        EndPoint = endPoint;
        var handler = new HttpClientHandler { UseProxy = false };
        if (login is not null)
            handler.Credentials = new NetworkCredential(login.UserName, login.Password);
        _http = new HttpClient(handler) { BaseAddress = new Uri($"http://{endPoint}/"), Timeout = RequestTimeout };
    }

    public IPEndPoint EndPoint { get; }

    public string Address => EndPoint.ToString();

    public async Task<DaemonRpcAnswer> PostAsync(string path, string body, CancellationToken ct)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(path.TrimStart('/'), content, ct);
            return new DaemonRpcAnswer((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
        }
        catch (HttpRequestException e)
        {
            throw new DaemonUnreachableException(e.Message, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DaemonUnreachableException($"no answer to {path} within {RequestTimeout.TotalSeconds:0} s", e);
        }
    }

    public void Dispose() => _http.Dispose();
}
