namespace MoneroNet.Rpc.Methods;

/// <summary>monerod's method-specific JSON-RPC error codes (<c>core_rpc_server_error_codes.h</c>) used here.</summary>
public static class RpcErrorCodes
{
    /// <summary>CORE_RPC_ERROR_CODE_WRONG_PARAM.</summary>
    public const long WrongParam = -1;

    /// <summary>CORE_RPC_ERROR_CODE_INTERNAL_ERROR.</summary>
    public const long InternalError = -5;
}
