namespace MoneroNet.Node.DaemonConsole;

/// <summary>One answer of the daemon RPC: its HTTP status and body.</summary>
internal readonly record struct DaemonRpcAnswer(int StatusCode, byte[] Body);

/// <summary>The node could not be reached at all (refused, reset, timed out): monerod's "Couldn't connect to daemon".</summary>
internal sealed class DaemonUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// How console commands reach a daemon's RPC: over HTTP to a running node (<c>moneronet print_cn</c>, which also
/// talks to monerod) or, at the node's own prompt, straight into its RPC methods (as monerod's prompt calls its
/// core_rpc_server without HTTP).
/// </summary>
internal interface IDaemonRpcTransport
{
    /// <summary>"host:port" for monerod's "Couldn't connect to daemon: …" line.</summary>
    string Address { get; }

    /// <summary>POSTs <paramref name="body"/> (JSON) to <paramref name="path"/> ("/json_rpc", "/get_peer_list"…).</summary>
    /// <exception cref="DaemonUnreachableException">No answer at all.</exception>
    Task<DaemonRpcAnswer> PostAsync(string path, string body, CancellationToken ct);
}
