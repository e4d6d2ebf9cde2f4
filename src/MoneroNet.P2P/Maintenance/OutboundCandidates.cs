using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;

namespace MoneroNet.P2P.Maintenance;

/// <summary>
/// Which addresses monerod's connections_maker would dial for the free out-peer slots, in order: the anchors (once
/// after start, up to 2 connections), white peers while fewer than 70 % of out-peers are connected, gray peers
/// (after that gray is preferred to white, as monerod mixes), and the seed nodes when no white peer is known. Never
/// an address already connected or being dialled, one of ours, a peer id already connected, a banned host, an
/// address backing off, or IPv6 without an IPv6 listener. Computes only; no dialling here. Owns: whether the
/// anchors were tried.
/// </summary>
internal sealed class OutboundCandidates(P2POptions options, PeerAddressBook addressBook, ConnectionRegistry connections,
    Func<long> outPeers, Func<IEnumerable<IPEndPoint>> excluded)
{
    /// <summary>monerod's P2P_DEFAULT_ANCHOR_CONNECTIONS_COUNT.</summary>
    private const int AnchorConnections = 2;
    /// <summary>monerod's P2P_DEFAULT_WHITELIST_CONNECTIONS_PERCENT.</summary>
    private const int WhiteConnectionsPercent = 70;

    private bool _anchorsTried;

    /// <summary>The addresses to dial now for <paramref name="free"/> slots.</summary>
    public List<IPEndPoint> Pick(int free) => PickWithTypes(free).ConvertAll(c => c.EndPoint);

    /// <summary>
    /// As <see cref="Pick"/>, each with the connection type its dial gets: <see cref="PeerConnectionType.Anchor"/>,
    /// <see cref="PeerConnectionType.Seed"/>, or <see cref="PeerConnectionType.Outbound"/> for a white or gray peer.
    /// </summary>
    public List<(IPEndPoint EndPoint, PeerConnectionType Type)> PickWithTypes(int free)
    {
        var usedEndPoints = new HashSet<IPEndPoint>();
        var usedIds = new HashSet<ulong>();
        foreach (var s in connections.All)
        {
            if (s.IsClosed) continue;
            if (!s.Incoming) usedEndPoints.Add(s.RemoteEndPoint);
            if (s.PeerId != 0) usedIds.Add(s.PeerId);
        }
        var connectedOut = new HashSet<IPEndPoint>(usedEndPoints);
        usedEndPoints.UnionWith(excluded());

        var picked = new List<(IPEndPoint EndPoint, PeerConnectionType Type)>(free);
        void Consider(IEnumerable<KnownPeer> entries, int upTo, PeerConnectionType type = PeerConnectionType.Outbound)
        {
            foreach (var e in entries)
            {
                if (picked.Count >= upTo) return;
                if (e.Address.ToIPEndPoint() is not { } ep || usedEndPoints.Contains(ep) || usedIds.Contains(e.PeerId)) continue;
                if (!MayDial(ep)) continue;
                usedEndPoints.Add(ep);
                if (e.PeerId != 0) usedIds.Add(e.PeerId);
                picked.Add((ep, type));
            }
        }

        int outgoing = connections.CountOutgoingPeers();
        var lists = addressBook.PeerLists;
        if (!_anchorsTried)
        {
            // Anchors are tried once after start; the peers that handshake become anchors again. An anchor already
            // connected (a dial that finished before this first pass) keeps its place.
            _anchorsTried = true;
            Consider(lists.TakeAnchors(a => a.ToIPEndPoint() is { } ep && connectedOut.Contains(ep)),
                Math.Min(free, Math.Max(0, AnchorConnections - outgoing)), PeerConnectionType.Anchor);
        }

        var white = lists.White.ToArray();
        var gray = lists.Gray.ToArray();
        Random.Shared.Shuffle(white);
        Random.Shared.Shuffle(gray);
        long expectedWhite = outPeers() * WhiteConnectionsPercent / 100;
        if (outgoing + picked.Count < expectedWhite)
        {
            Consider(white, (int)Math.Min(free, Math.Max(picked.Count, expectedWhite - outgoing)));
            Consider(gray, free);
            Consider(white, free);
        }
        else
        {
            Consider(gray, free);
            Consider(white, free);
        }

        if (white.Length == 0 && (options.SeedNodes.Count > 0 || options.UseSeedNodes))
        {
            // --seed-node first, then monerod's hard-coded seeds, as monerod appends them.
            var seeds = options.UseSeedNodes ? options.SeedNodes.Concat(SeedNodes.For(options.Network)) : options.SeedNodes;
            Consider(seeds.Select(ep => new KnownPeer(Wire.NetworkAddress.FromEndPoint(ep), 0, 0, 0, 0, 0)), free,
                PeerConnectionType.Seed);
        }
        return picked;
    }

    /// <summary>Whether a list or seed address may be dialled now.</summary>
    private bool MayDial(IPEndPoint ep)
    {
        // Like monerod without --p2p-use-ipv6: no IPv6 dials unless we listen on IPv6.
        if (ep.AddressFamily == AddressFamily.InterNetworkV6 && options.BindAddressV6 is null) return false;
        return addressBook.MayDial(ep);
    }
}
