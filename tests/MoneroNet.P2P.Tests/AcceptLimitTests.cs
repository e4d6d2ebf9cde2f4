using System.Net;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>Limits checked when a connection is accepted (PROTOCOL.md §3.3 step 5, §4): per-IP and in-peers.</summary>
/// <remarks>Its burst test spins a sampler, so the class runs alone (<see cref="SerialCollection"/>).</remarks>
[Collection(SerialCollection.Name)]
public class AcceptLimitTests
{
    private const int IncomingRefusedEvent = 1004;

    [Fact]
    public async Task One_connection_per_ip_refuses_a_second_from_the_same_ip_but_not_from_another()
    {
        await using var node = await TestNode.StartAsync(configure: o => o with { MaxConnectionsPerIp = 1 });
        await using var first = await node.ConnectRawAsync(IPAddress.Parse("127.0.0.1"));
        await node.SessionOfAsync(first);

        await using var second = await node.ConnectRawAsync(IPAddress.Parse("127.0.0.1"));
        Assert.True(await second.WaitClosedAsync(TimeSpan.FromSeconds(5)), "second connection from 127.0.0.1 closed at once");
        Assert.Contains(node.Log.Entries, e => e.EventId == IncomingRefusedEvent && e.Field("Peer") == second.NameAtNode);

        await using var other = await node.ConnectRawAsync(IPAddress.Parse("127.0.0.2"));
        await other.PingAsync();
        await first.PingAsync();
        Assert.Equal(2, node.Node.Connections.Count);
        Assert.False(first.IsClosed);
    }

    [Fact]
    public async Task In_peers_holds_under_a_burst_of_simultaneous_connects()
    {
        const int limit = 5;
        const int burst = 50;
        await using var node = await TestNode.StartAsync(configure: o => o with { InPeers = limit, MaxConnectionsPerIp = 1 });

        int max = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                int n = node.Node.Connections.Count;
                if (n > max) max = n;
            }
        });

        using var go = new ManualResetEventSlim();
        var connects = Enumerable.Range(10, burst).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await node.ConnectRawAsync(IPAddress.Parse($"127.0.0.{i}"));
        })).ToArray();
        go.Set();
        var peers = await Task.WhenAll(connects);
        try
        {
            await Poll.UntilAsync(() => peers.Count(p => p.IsClosed) == burst - limit, $"{burst - limit} connections refused");
            await Poll.StableAsync(() => (node.Node.Connections.Count, peers.Count(p => p.IsClosed)), TimeSpan.FromMilliseconds(300));
            stopSampling.Cancel();
            await sampler;

            Assert.True(max <= limit, $"{max} connections registered at once, limit {limit}");
            Assert.Equal(limit, node.Node.Connections.Count);
            Assert.Equal(limit, node.Node.Connections.CountIncoming());
            foreach (var open in peers.Where(p => !p.IsClosed)) await open.PingAsync();
            Assert.Equal(burst - limit, node.Log.Entries.Count(e => e.EventId == IncomingRefusedEvent));
        }
        finally
        {
            stopSampling.Cancel();
            foreach (var p in peers) await p.DisposeAsync();
        }
    }
}
