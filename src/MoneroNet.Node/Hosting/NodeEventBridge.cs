using System.Collections.Concurrent;
using MoneroNet.P2P;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Connections;
using MoneroNet.Rpc.Events;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// Turns the P2P node's events into the RPC layer's <see cref="NodeEvent"/>s for <c>GET /events</c>
/// (docs/OBSERVABILITY.md, "Events"). Runs on whichever P2P thread raised the event and only copies a few fields:
/// <see cref="NodeEventHub.Publish"/> never waits. <c>height_changed</c> is published only when a peer's height
/// moved: the node reports every height a peer tells, changed or not, so the last one is kept per connection
/// (seeded at the handshake, forgotten at close).
/// </summary>
public sealed class NodeEventBridge : IDisposable
{
    private readonly P2PNode _node;
    private readonly NodeEventHub _hub;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Guid, ulong> _heights = new();

    public NodeEventBridge(P2PNode node, NodeEventHub hub, TimeProvider time)
    {
        _node = node;
        _hub = hub;
        _time = time;
        node.PeerOpened += OnOpened;
        node.PeerHandshaked += OnHandshaked;
        node.PeerHeightChanged += OnHeightChanged;
        node.PeerClosed += OnClosed;
        node.ProxySuspected += OnProxySuspected;
        node.BanAdded += OnBanAdded;
        node.BanRemoved += OnBanRemoved;
        node.LimitsChanged += OnLimitsChanged;
    }

    private void OnOpened(PeerSession s) => _hub.Publish(Connection(NodeEventType.ConnectionOpened, s));

    private void OnHandshaked(PeerSession s)
    {
        _heights[s.ConnectionId] = s.Height;
        _hub.Publish(Connection(NodeEventType.HandshakeCompleted, s) with { PeerId = s.PeerId, Height = s.Height });
    }

    private void OnHeightChanged(PeerSession s)
    {
        if (!s.HandshakeComplete) return; // the handshake's own height comes with handshake_completed
        ulong height = s.Height;
        ulong previous = 0;
        bool known = false;
        _heights.AddOrUpdate(s.ConnectionId, height, (_, old) =>
        {
            previous = old;
            known = true;
            return height;
        });
        if (known && previous == height) return;
        _hub.Publish(Connection(NodeEventType.HeightChanged, s) with
        {
            PeerId = s.PeerId,
            Height = height,
            PreviousHeight = known ? previous : null,
        });
    }

    private void OnProxySuspected(PeerSession s, ulong innerPeerId) =>
        _hub.Publish(Connection(NodeEventType.ProxySuspected, s) with { PeerId = s.PeerId, InnerPeerId = innerPeerId });

    private void OnClosed(PeerSession s)
    {
        _heights.TryRemove(s.ConnectionId, out _);
        var stats = s.Stats;
        double live = Math.Max(0, _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 - stats.StartedUnixSeconds);
        _hub.Publish(Connection(NodeEventType.ConnectionClosed, s) with
        {
            PeerId = s.HandshakeComplete ? s.PeerId : null,
            Reason = s.CloseReason is { } reason ? DisconnectReasonNames.NameOf(reason) : "unknown",
            Detail = s.CloseDetail,
            RecvBytes = stats.RecvCount,
            SendBytes = stats.SendCount,
            LiveTimeSeconds = live,
        });
    }

    private void OnBanAdded(BanEntry ban) => _hub.Publish(new NodeEvent
    {
        Type = NodeEventType.BanAdded,
        Timestamp = _time.GetUtcNow(),
        Host = ban.Host,
        Seconds = ban.SecondsRemaining,
        Source = ban.Source,
    });

    private void OnBanRemoved(string host) => _hub.Publish(new NodeEvent
    {
        Type = NodeEventType.BanRemoved,
        Timestamp = _time.GetUtcNow(),
        Host = host,
    });

    private void OnLimitsChanged(long inPeers, long outPeers) => _hub.Publish(new NodeEvent
    {
        Type = NodeEventType.LimitsChanged,
        Timestamp = _time.GetUtcNow(),
        InPeers = inPeers,
        OutPeers = outPeers,
    });

    private NodeEvent Connection(string type, PeerSession s) => new()
    {
        Type = type,
        Timestamp = _time.GetUtcNow(),
        ConnectionId = s.ConnectionId,
        Address = s.Address.ToString(),
        Incoming = s.Incoming,
    };


    public void Dispose()
    {
        _node.PeerOpened -= OnOpened;
        _node.PeerHandshaked -= OnHandshaked;
        _node.PeerHeightChanged -= OnHeightChanged;
        _node.PeerClosed -= OnClosed;
        _node.ProxySuspected -= OnProxySuspected;
        _node.BanAdded -= OnBanAdded;
        _node.BanRemoved -= OnBanRemoved;
        _node.LimitsChanged -= OnLimitsChanged;
    }
}
