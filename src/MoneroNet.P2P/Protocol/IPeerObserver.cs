using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// What the node hears from the behaviours beyond the address book. Called on the session's read loop, after the
/// session's own state is updated; an implementation must be quick and must not block.
/// </summary>
internal interface IPeerObserver
{
    /// <summary>A handshake (either direction) completed and the peer id was not a duplicate.</summary>
    void OnHandshaked(PeerSession session);

    /// <summary>The peer's reported chain height was set (handshake, timed sync or new-block notification).</summary>
    void OnHeightChanged(PeerSession session);

    /// <summary>A ping on <paramref name="session"/> answered with <paramref name="innerPeerId"/>, not the handshake's id
    /// (once per connection and inner id).</summary>
    void OnProxySuspected(PeerSession session, ulong innerPeerId);
}
