using System.Collections.Concurrent;
using System.Net;
using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P.Node;

/// <summary>Every live connection, from accept or dial to close, keyed by connection id; what get_connections lists.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, PeerSession> _sessions = new();

    public int Count => _sessions.Count;

    public IEnumerable<PeerSession> All => _sessions.Values;

    internal void Add(PeerSession session) => _sessions[session.ConnectionId] = session;

    internal bool Remove(PeerSession session) => _sessions.TryRemove(session.ConnectionId, out _);

    public int CountIncoming()
    {
        int n = 0;
        foreach (var s in _sessions.Values) if (s.Incoming) n++;
        return n;
    }

    public int CountOutgoing()
    {
        int n = 0;
        foreach (var s in _sessions.Values) if (!s.Incoming) n++;
        return n;
    }

    /// <summary>Outgoing peer connections still open: what out-peers limits (back-pings are not peers).</summary>
    public int CountOutgoingPeers()
    {
        int n = 0;
        foreach (var s in _sessions.Values) if (!s.Incoming && !s.IsBackPing && !s.IsClosed) n++;
        return n;
    }

    /// <summary>Incoming connections from one IP (monerod's per-IP limit counts incoming only).</summary>
    public int CountIncomingFrom(IPAddress address)
    {
        int n = 0;
        foreach (var s in _sessions.Values)
            if (s.Incoming && s.RemoteEndPoint.Address.Equals(address)) n++;
        return n;
    }

    public bool IsConnectedTo(IPEndPoint remote)
    {
        foreach (var s in _sessions.Values)
            if (!s.Incoming && s.RemoteEndPoint.Equals(remote)) return true;
        return false;
    }
}
