namespace MoneroNet.P2P.Connections;

/// <summary>
/// The answer to one COMMAND_PING (1003) sent with <see cref="P2PNode.PingAsync"/> (docs/PROTOCOL.md §3.5, §3.8).
/// </summary>
/// <param name="Answered">False when the peer refused (return code ≤ 0, no body) or the connection closed first.</param>
/// <param name="Status">The answer's status; monerod says "OK". Empty when not answered.</param>
/// <param name="PeerId">The peer id in the answer. Another id than the handshake's on the same connection is the
/// proxy fingerprint: something answered the handshake but relayed the ping to another node.</param>
/// <param name="RoundTrip">From queueing the request to reading its answer (zero when not answered).</param>
public readonly record struct PingReply(bool Answered, string Status, ulong PeerId, TimeSpan RoundTrip);
