using MoneroNet.P2P.Connections;
using MoneroNet.Wire;
using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P.Protocol;

/// <summary>What the per-peer behaviours share: who we are, monerod's timings, logging and the node's hooks.</summary>
internal sealed class ProtocolContext(LocalIdentity local, P2PTimings timings, ILogger log, TimeProvider time)
{
    public LocalIdentity Local { get; } = local;
    public P2PTimings Timings { get; } = timings;
    public ILogger Log { get; } = log;
    public TimeProvider Time { get; } = time;

    /// <summary>Peers to share in handshake and timed-sync responses (the peer-list layer plugs in here).</summary>
    public Func<PeerSession, IReadOnlyList<PeerlistEntry>> PeersToShare { get; set; } = static _ => [];

    /// <summary>Raised on the session's read loop once a handshake (either direction) completed.</summary>
    public Action<PeerSession>? Handshaked { get; set; }

    /// <summary>Peer lists received in handshakes and timed syncs, already checked by <see cref="PeerListCheck"/>.</summary>
    public Action<PeerSession, IReadOnlyList<PeerlistEntry>>? PeersReceived { get; set; }

    /// <summary>A timed-sync response arrived on a handshaked connection (outgoing peers are refreshed in white).</summary>
    public Action<PeerSession>? TimedSyncAnswered { get; set; }

    /// <summary>monerod's add_host_fail: the peer's IP earns <c>score</c> fail points (bans above 10).</summary>
    public Action<PeerSession, int>? HostFailed { get; set; }

    /// <summary>Closes <paramref name="session"/> for <paramref name="reason"/> and adds <paramref name="score"/> fail points.</summary>
    public void CloseWithFail(PeerSession session, DisconnectReason reason, string detail, int score)
    {
        session.Close(reason, detail);
        HostFailed?.Invoke(session, score);
    }
}
