using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>The fields of monerod 0.18's <c>rpc_response_base</c> that every ordinary response carries.</summary>
public static class RpcResponseBase
{
    public const string StatusOk = "OK";

    /// <summary><see cref="StatusOk"/> in UTF-8, for results written with the forward-only writer.</summary>
    public static ReadOnlySpan<byte> StatusOkUtf8 => "OK"u8;

    /// <summary>Adds <c>status: "OK"</c> and <c>untrusted: false</c> (we never answer through a bootstrap daemon).</summary>
    public static RpcJsonObject WithStatusOk(RpcJsonObject result) => result.Set("status", StatusOk).Set("untrusted", false);
}
