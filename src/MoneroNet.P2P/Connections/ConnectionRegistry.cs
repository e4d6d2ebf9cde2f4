using System.Collections.Concurrent;
using System.Net;
using MoneroNet.P2P.Zones;

namespace MoneroNet.P2P.Connections;

/// <summary>
/// Every open connection, from accept or dial until the moment it is closed, keyed by connection id; what
/// get_connections lists. A session leaves as soon as it is closed (not when its read loop has wound down), so the
/// RPC never lists a dead connection. The counts the accept path and the dialler check are kept as counters, updated
/// on add and remove, so a node with 10,000 peers does no per-accept walk over the registry; so are the counts by
/// direction, state, type and address type (<see cref="ConnectionTally"/>), which a session's state change moves here.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, PeerSession> _sessions = new();
    // Guards the counters together with membership changes, so they never disagree with the dictionary.
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _incomingByHost = [];
    private int _incoming;
    private int _outgoing;
    private int _outgoingPeers;
    // Connections of the anonymity zones, counted apart: each zone has its own limits (docs/ARCHITECTURE.md, "Zones").
    private readonly int[] _zoneIncoming = new int[3];
    private readonly int[] _zoneOutgoingPeers = new int[3];
    private readonly ConnectionTally _tally = new();
    // Outgoing connections by where they go, so the connections maker's "already connected?" for each exclusive,
    // priority and --add-peer node every second is a lookup, not a walk over every session (a copy of all of them, as
    // the walk used Values). Counts, not sets: two sessions to one address can be open for a moment.
    private readonly Dictionary<IPEndPoint, int> _outgoingByEndPoint = [];
    private readonly Dictionary<Wire.NetworkAddress, int> _outgoingByAddress = [];
    private int _version;

    /// <summary>Every listed connection, in any state.</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// A live view: enumerating it while connections come and go is safe. It walks the dictionary itself, which
    /// takes no lock; <c>Values</c> would take every bucket lock and copy all sessions into a new list first
    /// (10,000 references per get_connections or timed-sync round, a large-object array beyond ~10,600).
    /// </summary>
    public IEnumerable<PeerSession> All => _sessions.Select(entry => entry.Value);

    internal bool Add(PeerSession session)
    {
        lock (_lock)
        {
            if (!_sessions.TryAdd(session.ConnectionId, session)) return false;
            _tally.Add(session, +1);
            Volatile.Write(ref _version, _version + 1);
            if (!session.Incoming) CountOutgoingTarget(session, +1);
            if (session.Zone != NetworkZone.Public)
            {
                if (session.Incoming) _zoneIncoming[(int)session.Zone]++;
                else if (!session.IsProbe) _zoneOutgoingPeers[(int)session.Zone]++;
            }
            else if (session.Incoming)
            {
                _incoming++;
                var host = session.RemoteEndPoint.Address;
                _incomingByHost[host] = _incomingByHost.GetValueOrDefault(host) + 1;
            }
            else
            {
                _outgoing++;
                if (!session.IsProbe) _outgoingPeers++;
            }
            return true;
        }
    }

    internal bool Remove(PeerSession session)
    {
        lock (_lock)
        {
            if (!_sessions.TryRemove(session.ConnectionId, out _)) return false;
            _tally.Add(session, -1);
            Volatile.Write(ref _version, _version + 1);
            if (!session.Incoming) CountOutgoingTarget(session, -1);
            if (session.Zone != NetworkZone.Public)
            {
                if (session.Incoming) _zoneIncoming[(int)session.Zone]--;
                else if (!session.IsProbe) _zoneOutgoingPeers[(int)session.Zone]--;
            }
            else if (session.Incoming)
            {
                _incoming--;
                var host = session.RemoteEndPoint.Address;
                int left = _incomingByHost.GetValueOrDefault(host) - 1;
                // Hosts with no connection left are forgotten: the table never outgrows the open connections.
                if (left <= 0) _incomingByHost.Remove(host);
                else _incomingByHost[host] = left;
            }
            else
            {
                _outgoing--;
                if (!session.IsProbe) _outgoingPeers--;
            }
            return true;
        }
    }

    /// <summary>
    /// Sets a session's state; under the lock that lists and unlists sessions, so the tally counts each listed session
    /// in the state it is in, whatever the order of a state change and a listing on two threads.
    /// </summary>
    internal void SetState(PeerSession session, ConnectionState state)
    {
        lock (_lock)
        {
            var from = session.State;
            if (from == state) return;
            session.WriteState(state);
            if (_sessions.TryGetValue(session.ConnectionId, out var listed) && ReferenceEquals(listed, session))
                _tally.Move(session.Incoming, from, state);
        }
    }

    /// <summary>Copies the counts of the listed sessions into <paramref name="target"/> (one lock, no walk).</summary>
    public void CopyTally(ConnectionTally target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock) _tally.CopyTo(target);
    }

    /// <summary>Incoming connections of an anonymity zone (the public ones are <see cref="CountIncoming"/>).</summary>
    public int CountIncomingIn(NetworkZone zone)
    {
        lock (_lock) return zone == NetworkZone.Public ? _incoming : _zoneIncoming[(int)zone];
    }

    /// <summary>Outgoing peer connections of a zone (the public ones are <see cref="CountOutgoingPeers"/>).</summary>
    public int CountOutgoingPeersIn(NetworkZone zone)
    {
        lock (_lock) return zone == NetworkZone.Public ? _outgoingPeers : _zoneOutgoingPeers[(int)zone];
    }

    /// <summary>Listed public-zone incoming connections, in any state.</summary>
    public int CountIncoming()
    {
        lock (_lock) return _incoming;
    }

    /// <summary>Listed public-zone outgoing connections, in any state, back-pings and peer-list probes included.</summary>
    public int CountOutgoing()
    {
        lock (_lock) return _outgoing;
    }

    /// <summary>Public-zone outgoing peer connections: what out-peers limits (back-pings and peer-list probes are not peers).</summary>
    public int CountOutgoingPeers()
    {
        lock (_lock) return _outgoingPeers;
    }

    /// <summary>Incoming connections from one IP (monerod's per-IP limit counts incoming only).</summary>
    public int CountIncomingFrom(IPAddress address)
    {
        lock (_lock) return _incomingByHost.GetValueOrDefault(address);
    }

    /// <summary>How many hosts the per-IP table tracks (diagnostics, tests: never more than the incoming connections).</summary>
    internal int TrackedIncomingHosts
    {
        get { lock (_lock) return _incomingByHost.Count; }
    }

    /// <summary>Whether an outgoing public-zone connection to <paramref name="remote"/> is open.</summary>
    public bool IsConnectedTo(IPEndPoint remote)
    {
        lock (_lock) return _outgoingByEndPoint.ContainsKey(remote);
    }

    /// <summary>Whether an outgoing connection to the anonymity address <paramref name="remote"/> is open.</summary>
    public bool IsConnectedTo(Wire.NetworkAddress remote)
    {
        lock (_lock) return _outgoingByAddress.ContainsKey(remote);
    }

    /// <summary>
    /// Changes whenever a session is listed or unlisted; <see cref="SessionSnapshot"/> copies the sessions again only
    /// when it moved.
    /// </summary>
    internal int Version => Volatile.Read(ref _version);

    /// <summary>Copies the listed sessions into <paramref name="target"/> from its start; returns how many.</summary>
    internal int CopyTo(ref PeerSession[] target)
    {
        int n = 0;
        foreach (var entry in _sessions)
        {
            if (n == target.Length) Array.Resize(ref target, Math.Max(16, target.Length * 2));
            target[n++] = entry.Value;
        }
        return n;
    }

    // Under _lock.
    private void CountOutgoingTarget(PeerSession session, int delta)
    {
        Count(_outgoingByAddress, session.Address, delta);
        if (session.Zone == NetworkZone.Public) Count(_outgoingByEndPoint, session.RemoteEndPoint, delta);

        static void Count<TKey>(Dictionary<TKey, int> counts, TKey key, int delta) where TKey : notnull
        {
            int left = counts.GetValueOrDefault(key) + delta;
            if (left <= 0) counts.Remove(key);
            else counts[key] = left;
        }
    }
}
