using Microsoft.AspNetCore.Connections;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// Counts the RPC server's open TCP connections (monerod's <c>rpc_connections_count</c>, which includes the caller's
/// own). Installed as Kestrel connection middleware, so a connection counts from accept to close, idle keep-alive
/// connections included.
/// </summary>
public sealed class RpcConnectionCounter
{
    private int _open;

    /// <summary>Connections open right now.</summary>
    public int Open => Volatile.Read(ref _open);

    internal ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        Interlocked.Increment(ref _open);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    };
}
