using System.Collections.Concurrent;
using System.Net;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// --in-peers and --max-connections-per-ip under load, seen through MoneroNet's own get_connections (docs/PROTOCOL.md §4.2:
/// the 0.18 binary refuses over-limit connections at accept, so an excess connection never shows up as a peer).
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class ConnectionLimitTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private const int InPeers = 20;
    private const int BurstSize = 200;

    [Fact]
    public Task Burst_200HandshakesFromDistinctHosts_NeverMoreThanInPeersListed() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                MaxConnectionsPerIp = 1,
                ExtraArguments = ["--in-peers", InPeers.ToString()],
            });

            // Sample get_connections continuously from before the burst until after it settled.
            var samples = new ConcurrentQueue<int>();
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(group.Token);
            var sampler = SampleAsync(node.Rpc, samples, stopSampling.Token);

            var peers = new RawHandshakePeer?[BurstSize];
            var failures = new ConcurrentQueue<string>();
            await Task.WhenAll(Enumerable.Range(0, BurstSize).Select(async i =>
            {
                var source = IPAddress.Parse($"127.0.1.{i + 1}");
                try
                {
                    peers[i] = await RawHandshakePeer.ConnectAsync(source, node.P2PEndPoint, group.Token);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    // A refused connection is an acceptable way to turn an excess peer away.
                    failures.Enqueue($"{source}: {e.SocketErrorCode}");
                }
            }));
            output.WriteLine($"{BurstSize - failures.Count} connects succeeded, {failures.Count} failed at connect");

            // Settled: exactly in-peers connections stay (all from distinct hosts), the rest were closed.
            var settled = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Count == InPeers && cs.All(c => c.State == "normal"), TimeSpan.FromSeconds(15),
                $"MoneroNet holds exactly {InPeers} normal connections", group.Token,
                describe: cs => $"{cs.Count} connections: " + string.Join("; ", cs.Take(30)));
            await Task.Delay(TimeSpan.FromSeconds(2), group.Token); // keep sampling a little after settling
            await stopSampling.CancelAsync();
            await sampler;

            output.WriteLine($"{samples.Count} get_connections samples, max {samples.Max()}");
            Assert.True(samples.Count > 10, $"only {samples.Count} samples taken");
            Assert.All(samples, count => Assert.InRange(count, 0, InPeers));
            Assert.All(settled, c => Assert.True(c.Incoming, $"unexpected outgoing connection {c}"));
            Assert.Equal(InPeers, settled.Select(c => c.Host).Distinct().Count());

            // Every kept connection is one of ours and still open on our side; every other one was closed.
            var open = peers.Where(p => p is { Closed.IsCompleted: false }).Select(p => p!.Local.ToString()).ToHashSet();
            Assert.Equal(InPeers, open.Count);
            Assert.All(settled, c => Assert.Contains(c.Address, open));
            Assert.Equal((ulong)InPeers, (await node.Rpc.GetInfoAsync(group.Token)).IncomingConnectionsCount);

            foreach (var peer in peers) if (peer is not null) await peer.DisposeAsync();
        });

    [Fact]
    public Task TwoHandshakesFromOneHost_WithMaxConnectionsPerIp1_OnlyTheFirstIsKept() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { MaxConnectionsPerIp = 1 });
            var source = IPAddress.Parse("127.0.2.1");

            await using var first = await RawHandshakePeer.ConnectAsync(source, node.P2PEndPoint, group.Token);
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.Address == first.Local.ToString() && c.State == "normal"), TimeSpan.FromSeconds(10),
                "the first connection is listed normal", group.Token, describe: cs => string.Join("; ", cs));

            await using var second = await ConnectOrNullAsync(source, node.P2PEndPoint, group.Token);
            if (second is not null)
            {
                Assert.True(await second.ClosedWithinAsync(TimeSpan.FromSeconds(5)),
                    "MoneroNet kept a second connection from the same IP with --max-connections-per-ip 1");
            }

            // For a while afterwards: exactly one connection from that host, the first one.
            for (int i = 0; i < 10; i++)
            {
                var cs = await node.Rpc.GetConnectionsAsync(group.Token);
                var fromSource = cs.Where(c => c.Host == source.ToString()).ToList();
                var kept = Assert.Single(fromSource);
                Assert.Equal(first.Local.ToString(), kept.Address);
                await Task.Delay(200, group.Token);
            }
            Assert.False(first.Closed.IsCompleted, "the first connection was closed too");
        });

    private static async Task<RawHandshakePeer?> ConnectOrNullAsync(IPAddress source, IPEndPoint node, CancellationToken ct)
    {
        try
        {
            return await RawHandshakePeer.ConnectAsync(source, node, ct);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null; // refused outright: also "not kept"
        }
    }

    private static async Task SampleAsync(MonerodRpc rpc, ConcurrentQueue<int> samples, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                samples.Enqueue((await rpc.GetConnectionsAsync(ct)).Count);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(10, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
