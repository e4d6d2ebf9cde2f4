namespace MoneroNet.Rpc.Dispatch;

/// <summary>An HTTP answer as monerod would give it, before it is put on the wire.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="ReasonPhrase">monerod's reason phrase ("Ok", "Not found", "Bad request", "Internal Server Error").</param>
/// <param name="Body">The body (empty for errors).</param>
/// <param name="ContentType">The Content-Type header, or null for none.</param>
/// <param name="CloseConnection">True when monerod closes the connection after this answer (after a 500).</param>
public sealed record RpcReply(int StatusCode, string ReasonPhrase, byte[] Body, string? ContentType, bool CloseConnection)
{
    public const string JsonContentType = "application/json";
    public const string TextContentType = "text/plain";

    public static RpcReply Json(byte[] body) => new(200, "Ok", body, JsonContentType, false);

    public static RpcReply NotFound { get; } = new(404, "Not found", [], TextContentType, false);

    public static RpcReply BadRequest { get; } = new(400, "Bad request", [], TextContentType, false);

    /// <summary>monerod's answer when a handler fails or throws: empty body, and the connection is closed.</summary>
    public static RpcReply InternalServerError(string contentType) => new(500, "Internal Server Error", [], contentType, true);
}
