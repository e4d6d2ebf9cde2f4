using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>/in_peers and /out_peers at run time, and the accept-time limits under a large burst (PROTOCOL.md §4).</summary>
public class ConnectionLimitTests
{
    [Fact]
    public async Task SetInPeers_drops_the_excess_at_once_and_refuses_new_ones()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var peers = new List<RawPeer>();
        try
        {
            for (int i = 0; i < 6; i++)
            {
                var p = await node.ConnectRawAsync(Loopback.Next());
                await p.HandshakeAsync();
                peers.Add(p);
            }
            node.Node.SetInPeers(2);
            Assert.Equal(2, node.Node.InPeers);
            Assert.Equal(2, node.Node.Connections.All.Count(s => s.Incoming && !s.IsClosed));
            await Poll.UntilAsync(() => peers.Count(p => p.IsClosed) == 4, "four peers dropped");
            Assert.Equal(4, node.Log.Closes.Count(c => c.Field("Reason") == nameof(DisconnectReason.ConnectionLimit)));

            await using var late = await node.ConnectRawAsync(Loopback.Next());
            Assert.True(await late.WaitClosedAsync(TimeSpan.FromSeconds(2)));
            foreach (var open in peers.Where(p => !p.IsClosed)) await open.PingAsync();

            node.Node.SetInPeers(10);
            await using var welcome = await node.ConnectRawAsync(Loopback.Next());
            await welcome.HandshakeAsync();
        }
        finally
        {
            foreach (var p in peers) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task SetOutPeers_drops_excess_outgoing_connections()
    {
        var others = new List<TestNode>();
        for (int i = 0; i < 3; i++) others.Add(await TestNode.StartOnOwnHostAsync());
        try
        {
            await using var node = await TestNode.StartOnOwnHostAsync();
            foreach (var o in others) Assert.NotNull(await node.Node.ConnectAsync(o.EndPoint));
            await Poll.UntilAsync(() => node.Handshaked(incoming: false) == 3, "three outgoing");

            node.Node.SetOutPeers(1);
            Assert.Equal(1, node.Node.OutPeers);
            Assert.Equal(1, node.Node.Connections.CountOutgoingPeers());
            await Poll.UntilAsync(() => node.Node.Connections.Count == 1, "two dropped");
            Assert.Null(await node.Node.ConnectAsync(others.First(o => o.Node.Connections.Count == 0).EndPoint));
        }
        finally
        {
            foreach (var o in others) await o.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_burst_of_200_connects_never_exceeds_in_peers_or_the_per_ip_limit()
    {
        const int inPeers = 60;
        const int hosts = 100;
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { InPeers = inPeers, MaxConnectionsPerIp = 1 });
        var sources = Enumerable.Range(0, hosts).Select(_ => Loopback.Next()).ToArray();

        int maxTotal = 0, maxPerIp = 0, samples = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                var incoming = node.Node.Connections.All.Where(s => s.Incoming).ToList();
                maxTotal = Math.Max(maxTotal, incoming.Count);
                if (incoming.Count > 0)
                    maxPerIp = Math.Max(maxPerIp, incoming.GroupBy(s => s.RemoteEndPoint.Address).Max(g => g.Count()));
                samples++;
            }
        });

        using var go = new ManualResetEventSlim();
        // Two connects from each of 100 hosts, all at once.
        var connects = Enumerable.Range(0, 2 * hosts).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await node.ConnectRawAsync(sources[i % hosts]);
        })).ToArray();
        go.Set();
        var peers = await Task.WhenAll(connects);
        try
        {
            await Poll.UntilAsync(() => peers.Count(p => p.IsClosed) == 2 * hosts - inPeers, $"{2 * hosts - inPeers} refused");
            await Poll.StableAsync(() => (node.Node.Connections.Count, peers.Count(p => p.IsClosed)), TimeSpan.FromMilliseconds(300));
            stopSampling.Cancel();
            await sampler;

            Assert.True(samples > 100, $"only {samples} samples");
            Assert.True(maxTotal <= inPeers, $"{maxTotal} incoming at once, limit {inPeers}");
            Assert.Equal(1, maxPerIp);
            Assert.Equal(inPeers, node.Node.Connections.CountIncoming());
            var open = peers.Where(p => !p.IsClosed).ToList();
            Assert.Equal(inPeers, open.Select(p => p.LocalEndPoint.Address).Distinct().Count());
            foreach (var p in open) await p.PingAsync();
        }
        finally
        {
            stopSampling.Cancel();
            foreach (var p in peers) await p.DisposeAsync();
        }
    }
}
