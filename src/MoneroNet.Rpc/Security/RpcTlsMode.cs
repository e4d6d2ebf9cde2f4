namespace MoneroNet.Rpc.Security;

/// <summary>How the RPC port speaks TLS (monerod's --rpc-ssl).</summary>
public enum RpcTlsMode
{
    /// <summary>Plain HTTP only; a TLS ClientHello is refused at once (clients that try TLS first fall back quickly).</summary>
    Disabled,
    /// <summary>TLS only.</summary>
    Enabled,
    /// <summary>Plain HTTP and TLS on the same port, told apart by the first byte the client sends.</summary>
    Autodetect,
}
