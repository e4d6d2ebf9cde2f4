using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.AddressBook;

/// <summary>
/// What the per-peer behaviours need of the address book (docs/PROTOCOL.md §3.3, §3.5, §3.7): one connection per peer
/// id, the lists to share and to merge, white entries for the peers we reached, and fail points for offences. Every
/// member may be called on any session's read loop; none calls back into a session.
/// </summary>
internal interface IAddressBook
{
    /// <summary>
    /// Claims <paramref name="session"/>'s peer id. False when another open connection holds it (monerod keeps the
    /// older one); <paramref name="holder"/> is that connection. The caller closes the refused session.
    /// </summary>
    bool TryClaimPeerId(PeerSession session, out PeerSession? holder);

    /// <summary>Up to 250 random white entries for a handshake or timed-sync response, none sent on this connection before.</summary>
    IReadOnlyList<PeerlistEntry> PeersToShare(PeerSession session);

    /// <summary>
    /// A list received on <paramref name="session"/> that passed the whole-list checks: sane, unbanned, not
    /// backed-off entries go to the gray list of the session's zone (never of another zone).
    /// </summary>
    void MergeReceived(PeerSession session, IReadOnlyList<PeerlistEntry> list);

    /// <summary>An outgoing peer completed its handshake: white, an anchor, and its dial failures forgotten.</summary>
    void OnOutgoingHandshaked(PeerSession session);

    /// <summary>An outgoing peer answered a timed sync: seen again (its white entry refreshed).</summary>
    void OnTimedSyncAnswered(PeerSession session);

    /// <summary>monerod's add_host_fail: <paramref name="score"/> fail points; above 10 the host is banned.</summary>
    /// <remarks><paramref name="reason"/> (snake case) names an automatic ban it leads to: "auto:&lt;reason&gt;".</remarks>
    void AddHostFail(IPAddress address, int score, string reason);

    /// <summary>monerod's add_host_fail for a connection: by IP in the public zone; nothing for an anonymity peer, whose
    /// socket is the Tor/I2P daemon's loopback connection (banning it would ban the daemon).</summary>
    void AddHostFail(PeerSession session, int score, string reason);
}
