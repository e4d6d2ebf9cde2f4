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

    private RpcReply(RpcJsonObject document)
    {
        StatusCode = 200;
        ReasonPhrase = "Ok";
        JsonDocument = document ?? throw new ArgumentNullException(nameof(document));
        ContentType = JsonContentType;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public string? ContentType { get; }

    public bool CloseConnection { get; }

    /// <summary>
    /// For a JSON answer, the document the body is printed from. The HTTP layer streams it into the response
    /// instead of materialising <see cref="Body"/>, which at thousands of connections is megabytes.
    /// </summary>
    public RpcJsonObject? JsonDocument { get; }

    /// <summary>The body bytes; a JSON answer's are printed on first use.</summary>
    public byte[] Body => _body ??= EpeeJsonWriter.Write(JsonDocument!);

    public static RpcReply Json(byte[] body) => new(200, "Ok", body, JsonContentType, false);

    /// <summary>A 200 answer of a <c>.bin</c> endpoint: the epee-encoded response.</summary>
    public static RpcReply Binary(byte[] body) => new(200, "Ok", body, BinaryContentType, false);

    /// <summary>A 200 answer whose body is <paramref name="document"/> printed as monerod's JSON.</summary>
    public static RpcReply Json(RpcJsonObject document) => new(document);

    public static RpcReply NotFound { get; } = new(404, "Not found", [], TextContentType, false);

    public static RpcReply BadRequest { get; } = new(400, "Bad request", [], TextContentType, false);

    /// <summary>monerod's answer when a handler fails or throws: empty body, and the connection is closed.</summary>
    public static RpcReply InternalServerError(string contentType) => new(500, "Internal Server Error", [], contentType, true);
}
