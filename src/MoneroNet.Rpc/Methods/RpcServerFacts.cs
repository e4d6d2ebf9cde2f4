using MoneroNet.Rpc.Http;

namespace MoneroNet.Rpc.Methods;

/// <summary>What methods may need to know about the server answering them rather than about the node.</summary>
/// <param name="Restricted">The server runs with --restricted-rpc (get_info then hides node details, docs/PROTOCOL.md §7.5).</param>
/// <param name="Connections">The server's open connections.</param>
public sealed record RpcServerFacts(bool Restricted, RpcConnectionCounter Connections);
