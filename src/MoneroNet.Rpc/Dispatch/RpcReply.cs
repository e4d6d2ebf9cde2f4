using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Dispatch;

/// <summary>An HTTP answer as monerod would give it, before it is put on the wire.</summary>
public sealed class RpcReply
{
    public const string JsonContentType = "application/json";
    public const string TextContentType = "text/plain";

    /// <summary>monerod's Content-Type of <c>.bin</c> answers: the string in its source starts with a space (docs/PROTOCOL.md §7.1).</summary>
    public const string BinaryContentType = " application/octet-stream";

    private byte[]? _body;

    /// <param name="statusCode">HTTP status.</param>
    /// <param name="reasonPhrase">monerod's reason phrase ("Ok", "Not found", "Bad request", "Internal Server Error").</param>
    /// <param name="body">The body (empty for errors).</param>
    /// <param name="contentType">The Content-Type header, or null for none.</param>
    /// <param name="closeConnection">True when monerod closes the connection after this answer (after a 500).</param>
    public RpcReply(int statusCode, string reasonPhrase, byte[] body, string? contentType, bool closeConnection)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        _body = body ?? throw new ArgumentNullException(nameof(body));
        ContentType = contentType;
        CloseConnection = closeConnection;
    }

    private RpcReply(PooledSegmentBuffer jsonBody, string contentType = JsonContentType)
    {
        StatusCode = 200;
        ReasonPhrase = "Ok";
        JsonBody = jsonBody;
        ContentType = contentType;
    }

    /// <summary>
    /// A 200 answer whose body was written into pooled segments by something other than the JSON writer (the
    /// /metrics exposition); the reply owns <paramref name="body"/> and releases it once sent, as a JSON body.
    /// </summary>
    public static RpcReply Pooled(PooledSegmentBuffer body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new RpcReply(body, contentType);
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public string? ContentType { get; }

    public bool CloseConnection { get; }

    /// <summary>
    /// For a JSON answer, the printed body in pooled segments. The HTTP layer sends it segment by segment and then
    /// releases it (<see cref="ReleaseJsonBody"/>), instead of materialising <see cref="Body"/>, which at thousands of
    /// connections is megabytes.
    /// </summary>
    public PooledSegmentBuffer? JsonBody { get; private set; }

    /// <summary>The body bytes; a JSON answer's are copied out of its segments on first use (tests, small answers).</summary>
    public byte[] Body => _body ??= JsonBody?.ToArray() ?? throw new ObjectDisposedException(nameof(RpcReply), "the JSON body was sent and released");

    /// <summary>The body's length in bytes (Content-Length).</summary>
    public long BodyLength => JsonBody?.Length ?? Body.Length;

    /// <summary>Returns a JSON body's segments to the pool once it is sent; the reply has no body afterwards.</summary>
    public void ReleaseJsonBody()
    {
        JsonBody?.Dispose();
        JsonBody = null;
    }

    public static RpcReply Json(byte[] body) => new(200, "Ok", body, JsonContentType, false);

    /// <summary>A 200 answer of a <c>.bin</c> endpoint: the epee-encoded response.</summary>
    public static RpcReply Binary(byte[] body) => new(200, "Ok", body, BinaryContentType, false);

    /// <summary>A 200 answer whose body is <paramref name="document"/> printed as monerod's JSON.</summary>
    public static RpcReply Json(RpcJsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Json(writer => writer.WriteValue(document));
    }

    /// <summary>
    /// A 200 answer whose body <paramref name="write"/> prints with the forward-only writer, into pooled segments.
    /// The segments go back to the pool if printing throws.
    /// </summary>
    public static RpcReply Json(Action<MonerodJsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var body = new PooledSegmentBuffer();
        try
        {
            var writer = new MonerodJsonWriter(body);
            write(writer);
            if (!writer.IsComplete)
            {
                throw new InvalidOperationException("the JSON body was left incomplete");
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }

        return new RpcReply(body);
    }

    public static RpcReply NotFound { get; } = new(404, "Not found", [], TextContentType, false);

    public static RpcReply BadRequest { get; } = new(400, "Bad request", [], TextContentType, false);

    /// <summary>monerod's answer when a handler fails or throws: empty body, and the connection is closed.</summary>
    public static RpcReply InternalServerError(string contentType) => new(500, "Internal Server Error", [], contentType, true);
}
