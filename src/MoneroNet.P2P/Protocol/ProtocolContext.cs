using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Node;
using MoneroNet.Wire;
using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P.Protocol;

/// <summary>What the per-peer behaviours share: who we are, monerod's timings, logging and the node's hooks.</summary>
internal sealed class ProtocolContext(LocalNode local, P2PTimings timings, ILogger log, TimeProvider time)
{
    public LocalNode Local { get; } = local;
    public P2PTimings Timings { get; } = timings;
    public ILogger Log { get; } = log;
    public TimeProvider Time { get; } = time;

    /// <summary>Peers to share in handshake and timed-sync responses (the peer-list layer plugs in here).</summary>
    public Func<PeerSession, IReadOnlyList<PeerlistEntry>> PeersToShare { get; set; } = static _ => [];

    /// <summary>Raised on the session's read loop once a handshake (either direction) completed.</summary>
    public Action<PeerSession>? Handshaked { get; set; }

    /// <summary>Peer lists received in handshakes and timed syncs (the peer-list layer plugs in here).</summary>
    public Action<PeerSession, IReadOnlyList<PeerlistEntry>>? PeersReceived { get; set; }
}
