using MoneroNet.Epee;

namespace MoneroNet.P2P.Connections;

/// <summary>What a <see cref="PeerSession"/> hands its parsed requests and notifications to (the P2P protocol).</summary>
internal interface IPeerMessageHandler
{
    /// <summary>A request (expect_response set); the handler must answer it through the session, in order.</summary>
    void OnRequest(PeerSession session, uint command, EpeeSection body);

    /// <summary>A notification (no answer).</summary>
    void OnNotification(PeerSession session, uint command, EpeeSection body);
}
