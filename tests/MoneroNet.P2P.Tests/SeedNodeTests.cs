using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// Seed-node selection, checked on nodes that are never started: the maintainer's choice is computed, nothing is
/// dialled (tests never contact the seeds).
/// </summary>
public class SeedNodeTests
{
    private static P2PNode Unstarted(NetworkType network, bool useSeeds) =>
        new(new P2POptions { Network = network, UseSeedNodes = useSeeds, AllowLocalIp = true }, new CapturedLog());

    [Theory]
    [InlineData(NetworkType.Mainnet, 10, 18080)]
    [InlineData(NetworkType.Testnet, 5, 28080)]
    [InlineData(NetworkType.Stagenet, 4, 38080)]
    public void With_no_white_peer_the_seeds_of_the_network_are_the_candidates(NetworkType network, int count, int port)
    {
        var node = Unstarted(network, useSeeds: true);
        var picked = node.Maintainer.Candidates.Pick(12);
        Assert.Equal(count, picked.Count);
        Assert.All(picked, ep => Assert.Equal(port, ep.Port));
        Assert.Equal(count, picked.Distinct().Count());
        Assert.Equal(4, node.Maintainer.Candidates.Pick(4).Count);
    }

    [Fact]
    public void Regtest_has_no_seeds_and_the_option_turns_them_off()
    {
        Assert.Empty(Unstarted(NetworkType.Regtest, useSeeds: true).Maintainer.Candidates.Pick(12));
        Assert.Empty(Unstarted(NetworkType.Mainnet, useSeeds: false).Maintainer.Candidates.Pick(12));
    }

    [Fact]
    public void A_known_white_peer_replaces_the_seeds()
    {
        var node = Unstarted(NetworkType.Mainnet, useSeeds: true);
        var known = new IPEndPoint(IPAddress.Parse("203.0.113.7"), 18080);
        node.PeerLists.SetJustSeen(new KnownPeer(NetworkAddress.FromEndPoint(known), 7, 1, 0, 0, 0));
        Assert.Equal([known], node.Maintainer.Candidates.Pick(12));

        node.Bans.Ban(known.Address, null);
        Assert.Equal(0, node.PeerLists.WhiteCount);
        Assert.Equal(10, node.Maintainer.Candidates.Pick(12).Count);
    }

    [Fact]
    public void Each_candidate_carries_the_connection_type_its_dial_gets()
    {
        var seeds = Unstarted(NetworkType.Mainnet, useSeeds: true).Maintainer.Candidates.PickWithTypes(12);
        Assert.All(seeds, c => Assert.Equal(PeerConnectionType.Seed, c.Type));

        var node = Unstarted(NetworkType.Mainnet, useSeeds: true);
        var anchor = new IPEndPoint(IPAddress.Parse("203.0.113.8"), 18080);
        var white = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 18080);
        var gray = new IPEndPoint(IPAddress.Parse("198.51.100.9"), 18080);
        node.PeerLists.AddAnchor(NetworkAddress.FromEndPoint(anchor), 8, 1);
        node.PeerLists.SetJustSeen(new KnownPeer(NetworkAddress.FromEndPoint(white), 9, 1, 0, 0, 0));
        node.PeerLists.MergeGray([new KnownPeer(NetworkAddress.FromEndPoint(gray), 10, 1, 0, 0, 0)]);
        var picked = node.Maintainer.Candidates.PickWithTypes(12).ToDictionary(c => c.EndPoint, c => c.Type);
        Assert.Equal(PeerConnectionType.Anchor, picked[anchor]);
        Assert.Equal(PeerConnectionType.Outbound, picked[white]);
        Assert.Equal(PeerConnectionType.Outbound, picked[gray]);
        Assert.DoesNotContain(PeerConnectionType.Seed, picked.Values); // a white peer is known: no seeds
    }
}
