using System.Net;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests.Anonymity;

/// <summary>Each anonymity zone's lists are saved in a file of their own and come back into that zone only.</summary>
public sealed class ZonePersistenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "moneronet-zones-" + Guid.NewGuid().ToString("N"));

    public ZonePersistenceTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Zone_lists_survive_a_restart_in_their_own_file_and_stay_apart_from_the_public_lists()
    {
        var onion = NetworkAddress.Tor(AnonymityZoneTests.OnionA, 18083);
        var gray = NetworkAddress.Tor(AnonymityZoneTests.OnionB, 18083);
        var i2p = NetworkAddress.I2p(AnonymityZoneTests.I2pB, 0);
        var publicPeer = NetworkAddress.FromIP(IPAddress.Parse("203.0.113.5"), 28080);
        var proxies = new[] { new TxProxy(NetworkZone.Tor, new IPEndPoint(IPAddress.Loopback, 1)), new TxProxy(NetworkZone.I2p, new IPEndPoint(IPAddress.Loopback, 1)) };
        P2POptions Configure(P2POptions o) => o with { DataDir = _dir, TxProxies = proxies, OutPeers = 0 };

        await using (var node = await TestNode.StartOnOwnHostAsync(Configure))
        {
            var tor = node.Node.ZonePeerLists(NetworkZone.Tor)!;
            tor.SetJustSeen(new KnownPeer(onion, 1, 1_700_000_000, 0, 0, 0));
            tor.MergeGray([new KnownPeer(gray, 1, 0, 0, 0, 0)]);
            node.Node.ZonePeerLists(NetworkZone.I2p)!.SetJustSeen(new KnownPeer(i2p, 1, 1_700_000_001, 0, 0, 0));
            node.Node.PeerLists.MergeGray([new KnownPeer(publicPeer, 9, 0, 0, 0, 0)]);
            // A store never takes another zone's address.
            tor.SetJustSeen(new KnownPeer(publicPeer, 9, 1, 0, 0, 0));
            tor.MergeGray([new KnownPeer(i2p, 1, 0, 0, 0, 0)]);
            node.Node.PeerLists.MergeGray([new KnownPeer(onion, 1, 0, 0, 0, 0)]);
        }

        string torFile = Path.Combine(_dir, PeerListFile.ZoneFileName(NetworkZone.Tor));
        Assert.True(File.Exists(torFile));
        Assert.Contains(AnonymityZoneTests.OnionA, File.ReadAllText(torFile), StringComparison.Ordinal);
        Assert.DoesNotContain("\"ip\"", File.ReadAllText(torFile), StringComparison.Ordinal);
        Assert.DoesNotContain(".onion", File.ReadAllText(Path.Combine(_dir, PeerListFile.FileName)), StringComparison.Ordinal);

        await using var again = await TestNode.StartOnOwnHostAsync(Configure);
        var torAgain = again.Node.ZonePeerLists(NetworkZone.Tor)!;
        var white = Assert.Single(torAgain.White);
        Assert.Equal(onion, white.Address);
        Assert.Equal(1_700_000_000, white.LastSeenUnixSeconds);
        Assert.Equal(gray, Assert.Single(torAgain.Gray).Address);
        Assert.Equal(i2p, Assert.Single(again.Node.ZonePeerLists(NetworkZone.I2p)!.White).Address);
        Assert.Equal(publicPeer, Assert.Single(again.Node.PeerLists.Gray).Address);
        Assert.Empty(again.Node.PeerLists.White);
    }
}
