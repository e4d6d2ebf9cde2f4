using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Dialing;
using MoneroNet.P2P.PeerLists;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// monerod's connections_maker for each anonymity zone we dial (--tx-proxy), run from the maintainer's redial step
/// (net_node.inl, connections_maker and make_expected_connections_count; docs/PROTOCOL.md §3.9): exclusive nodes of
/// the zone when any exclusive node is given (of any zone, as monerod), and then nothing else — no seeds, no anchors.
/// Otherwise its priority nodes and --add-peer nodes; a seed of the zone while its white list is empty
/// (connect_to_seed); the zone's anchors, once after start, alone in their tick so that they are the zone's first
/// dials as in monerod's one-after-another maker; then free slots from the white list while fewer than 70 % of the
/// zone's out-peers are connected and the gray list, else gray first (each shuffled); and when a tick found nothing
/// to dial and nothing is under way, a seed again (monerod's "Failed to connect to any, trying seeds"). Skips
/// addresses connected, being dialled or backing off (fixed targets too, unlike the public zone). Owns nothing but
/// the choice (the zone owns whether its anchors were tried).
/// </summary>
internal sealed class ZoneConnectionsMaker(P2POptions options, AnonymityZones zones, AnonymousConnector connector,
    ConnectionRegistry connections)
{
    /// <summary>monerod's P2P_DEFAULT_ANCHOR_CONNECTIONS_COUNT, per zone.</summary>
    private const int AnchorConnections = 2;
    /// <summary>monerod's P2P_DEFAULT_WHITELIST_CONNECTIONS_PERCENT, of the zone's own out-peers.</summary>
    private const int WhiteConnectionsPercent = 70;

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
            var connectedOut = new HashSet<NetworkAddress>(taken);
            int before = picked.Count;
            bool MayPick(NetworkAddress t) =>
                NetworkZones.Of(t) == zone.Zone && !taken.Contains(t) && !connector.IsDialing(t) && !zone.Backoff.IsBackingOff(t);
            void Take(NetworkAddress t, PeerConnectionType type)
            {
                taken.Add(t);
                picked.Add((t, type));
            }
            void Fixed(IEnumerable<NetworkAddress> targets, PeerConnectionType type)
            {
                // Unlike the public zone's exclusive and priority nodes (retried every second, as monerod), a zone's
                // fixed targets wait out the backoff too: each failed SOCKS dial is a warning line and a circuit.
                foreach (var t in targets)
                    if (MayPick(t)) Take(t, type);
            }
            // monerod's connect_to_seed: one seed of the zone at a time, a random one, until one answers (here: one a
            // tick, none while a seed dial is under way; a refused seed backs off and the next tick takes another).
            void OneSeed()
            {
                if (zone.Seeds.Count == 0 || zone.Seeds.Any(connector.IsDialing)) return;
                var candidates = zone.Seeds.Where(MayPick).ToArray();
                if (candidates.Length > 0) Take(candidates[Random.Shared.Next(candidates.Length)], PeerConnectionType.Seed);
            }

            if (exclusiveMode)
            {
                Fixed(options.AnonymousExclusiveNodes, PeerConnectionType.Exclusive);
                continue;
            }
            Fixed(options.AnonymousPriorityNodes, PeerConnectionType.Priority);
            Fixed(options.AnonymousAddPeers, PeerConnectionType.Manual);

            int free = connector.FreeSlots(zone) - (picked.Count - before);
            if (free <= 0) continue;
            bool seedsFirst = zone.PeerLists.WhiteCount == 0;
            if (seedsFirst)
            {
                OneSeed();
                free = connector.FreeSlots(zone) - (picked.Count - before);
                if (free <= 0) continue;
            }

            long outgoing = connections.CountOutgoingPeersIn(zone.Zone);
            long expectedWhite = zone.OutPeers * WhiteConnectionsPercent / 100;
            if (!zone.AnchorsTried)
            {
                // Once after start; the peers that handshake become anchors again, and one already connected keeps its
                // place (as the public zone's OutboundCandidates). monerod tries anchors only below the white share.
                zone.AnchorsTried = true;
                if (outgoing < expectedWhite)
                {
                    int anchorSlots = (int)Math.Min(free, Math.Max(0, AnchorConnections - outgoing));
                    int anchorsPicked = 0;
                    foreach (var a in zone.PeerLists.TakeAnchors(connectedOut.Contains))
                    {
                        if (anchorsPicked == anchorSlots) break;
                        if (!MayPick(a.Address)) continue;
                        Take(a.Address, PeerConnectionType.Anchor);
                        anchorsPicked++;
                    }
                    // The anchors alone this tick: the white and gray dials follow at the next one.
                    if (anchorsPicked > 0) continue;
                }
            }

            var white = zone.PeerLists.White.ToArray();
            var gray = zone.PeerLists.Gray.ToArray();
            Random.Shared.Shuffle(white);
            Random.Shared.Shuffle(gray);
            int filled = 0;
            void FromList(KnownPeer[] list, long upTo)
            {
                foreach (var e in list)
                {
                    if (filled >= upTo) return;
                    if (!MayPick(e.Address)) continue;
                    Take(e.Address, PeerConnectionType.Outbound);
                    filled++;
                }
            }
            if (outgoing < expectedWhite)
            {
                FromList(white, Math.Min(free, expectedWhite - outgoing));
                FromList(gray, free);
                FromList(white, free);
            }
            else
            {
                FromList(gray, free);
                FromList(white, free);
            }
            if (!seedsFirst && picked.Count == before && outgoing < zone.OutPeers && !connector.IsDialingIn(zone.Zone)) OneSeed();
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
