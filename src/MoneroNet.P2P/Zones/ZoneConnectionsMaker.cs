using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Dialing;
using MoneroNet.P2P.PeerLists;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// monerod's connections_maker for each anonymity zone we dial (--tx-proxy), run from the maintainer's redial step:
/// exclusive nodes of the zone when any exclusive node is given (of any zone, as monerod), otherwise its priority
/// nodes and --add-peer nodes, then free slots from the zone's white and gray lists (white first, gray after, each
/// shuffled), skipping addresses connected, being dialled or backing off (fixed targets too, unlike the public zone).
/// Owns nothing but the choice.
/// </summary>
internal sealed class ZoneConnectionsMaker(P2POptions options, AnonymityZones zones, AnonymousConnector connector,
    ConnectionRegistry connections)
{
    /// <summary>The dials to start now, each with its connection type.</summary>
    public List<(NetworkAddress Target, PeerConnectionType Type)> Pick()
    {
        var picked = new List<(NetworkAddress, PeerConnectionType)>();
        bool exclusiveMode = options.ExclusiveNodes.Count > 0 || options.AnonymousExclusiveNodes.Count > 0;
        foreach (var zone in zones.All)
        {
            if (zone.Proxy is null) continue;
            var taken = new HashSet<NetworkAddress>();
            foreach (var s in connections.All)
                if (!s.Incoming && s.Zone == zone.Zone && !s.IsClosed) taken.Add(s.Address);
            void Fixed(IEnumerable<NetworkAddress> targets, PeerConnectionType type)
            {
                foreach (var t in targets)
                {
                    // Unlike the public zone's exclusive and priority nodes (retried every second, as monerod), a zone's
                    // fixed targets wait out the backoff too: each failed SOCKS dial is a warning line and a circuit.
                    if (NetworkZones.Of(t) != zone.Zone || taken.Contains(t) || connector.IsDialing(t) || zone.Backoff.IsBackingOff(t)) continue;
                    taken.Add(t);
                    picked.Add((t, type));
                }
            }
            if (exclusiveMode)
            {
                Fixed(options.AnonymousExclusiveNodes, PeerConnectionType.Exclusive);
                continue;
            }
            Fixed(options.AnonymousPriorityNodes, PeerConnectionType.Priority);
            Fixed(options.AnonymousAddPeers, PeerConnectionType.Manual);

            int free = connector.FreeSlots(zone) - picked.Count(p => NetworkZones.Of(p.Item1) == zone.Zone);
            if (free <= 0) continue;
            var white = zone.PeerLists.White.ToArray();
            var gray = zone.PeerLists.Gray.ToArray();
            Random.Shared.Shuffle(white);
            Random.Shared.Shuffle(gray);
            foreach (var e in white.Concat(gray))
            {
                if (free == 0) break;
                if (taken.Contains(e.Address) || connector.IsDialing(e.Address) || zone.Backoff.IsBackingOff(e.Address)) continue;
                taken.Add(e.Address);
                picked.Add((e.Address, PeerConnectionType.Outbound));
                free--;
            }
        }
        return picked;
    }

    /// <summary>--add-peer's anonymity addresses enter their zone's white list at start, as monerod's command-line peers do.</summary>
    public void AddCommandLinePeers(long nowUnixSeconds)
    {
        foreach (var address in options.AnonymousAddPeers)
            zones.Get(NetworkZones.Of(address))?.PeerLists.SetJustSeen(new KnownPeer(address, 0, nowUnixSeconds, 0, 0, 0));
    }
}
