using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The accept-time limits under a burst of 200 connects from 100 distinct 127.x hosts, sampled continuously. The
/// sampler spins a core, so this runs alone (<see cref="SerialCollection"/>) rather than starving timing-sensitive
/// tests on a small machine.
/// </summary>
[Collection(SerialCollection.Name)]
public class AcceptBurstTests
{
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
