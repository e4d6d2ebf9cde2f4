using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.LoadTest;
using MoneroNet.LoadTest.Compare;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The side-by-side benchmark (bench/MoneroNet.LoadTest `compare`, docs/BENCHMARKS.md "Side by side with monerod") cut
/// to CI size: one round of 500 raw testnet peers from 127.32.x.y against a fresh real monerod and then a fresh
/// MoneroNet, both started by the fixtures with one connection per IP. It asserts behaviour only, never a figure's
/// size: on each node every peer handshakes, every get_connections answer lists each of them once as incoming and
/// normal with its own peer id, the byte counters of the quiet peers equal what those peers wrote and read, the eight
/// concurrent clients get full answers without an error, the node closes no idle peer and lists none once all close.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class SideBySideTests(ITestOutputHelper output)
{
    private const int PeerCount = 500;
    /// <summary>Two node starts, 2 × 500 handshakes and short windows take about 40 s; the rest is room for a busy machine.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    [Fact]
    public Task FiveHundredPeers_MonerodAndMoneroNet_BothListEveryPeerNormalWithExactCounters_AndServeConcurrentClients() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var options = new CompareOptions
            {
                Peers = PeerCount,
                Rounds = 1,
                Rest = TimeSpan.FromSeconds(3),
                SequentialCalls = 5,
                Clients = 8,
                ClientDuration = TimeSpan.FromSeconds(2),
                InFlight = 128,
                SourceBlock = 32,
            };
            FileLimit.Ensure((ulong)PeerCount + 1024);
            var report = await new CompareRun(options, new FixtureNodes(group), output.WriteLine).RunAsync(group.Token);

            Assert.Equal([NodeKind.Monerod, NodeKind.MoneroNet], report.Measurements.Select(m => m.Kind));
            Assert.All(report.Measurements, m =>
            {
                string who = m.Kind.Label();
                Assert.True(m.Passed, $"{who}: {string.Join("; ", m.Problems)}");
                Assert.Equal(PeerCount, m.Handshaken);
                Assert.Equal(options.SequentialCalls, m.SequentialCalls);
                Assert.True(m.ResponseBytes > PeerCount * 100, $"{who}: a get_connections answer of {m.ResponseBytes} bytes for {PeerCount} peers");
                // Counters compared for at least one call's worth of quiet peers, and none differed.
                Assert.True(m.CountersCompared >= PeerCount / 2, $"{who}: counters compared only {m.CountersCompared} times");
                Assert.Equal(0, m.CounterMismatches);
                Assert.True(m.Concurrent is { Completed: > 0, Errors: 0 }, $"{who}: concurrent clients {m.Concurrent}");
                Assert.Equal(0, m.ClosedByNode);
                Assert.Equal(0, m.ListedAfterClose);
            });
            Assert.True(report.Passed);
            // The table names every figure of issue 10 for both nodes.
            var table = CompareTable.Render(report).ToList();
            foreach (string figure in new[] { "get_connections p50", "get_connections req/s", "RSS per connection", "RSS of an idle node", "handshakes/s", "idle CPU" })
                Assert.Contains(table, line => line.StartsWith($"| {figure}", StringComparison.Ordinal) && line.Count(c => c == '|') == 6);
        });

    [Fact]
    public void BenchMonerodCommandLine_HasEveryLoopbackOnlyFlag_AndRefusesOverrides()
    {
        var args = MonerodCommandLine.Arguments(28080, 28081, "/tmp/x", maxConnectionsPerIp: 1, inPeers: 600, ["--log-level", "0"]);
        string line = string.Join(' ', args);
        foreach (string required in new[]
                 {
                     "--testnet", "--p2p-bind-ip 127.0.0.1", "--rpc-bind-ip 127.0.0.1", "--no-igd", "--check-updates disabled",
                     "--disable-dns-checkpoints", "--no-zmq", "--non-interactive", "--rpc-ssl disabled",
                     "--add-exclusive-node 127.0.0.1:1", "--data-dir /tmp/x", "--max-connections-per-ip 1", "--in-peers 600",
                 })
        {
            Assert.Contains(required, line, StringComparison.Ordinal);
        }
        foreach (string forbidden in new[] { "--add-peer", "--seed-node", "--p2p-bind-ip", "--igd", "--proxy", "--data-dir=/elsewhere" })
            Assert.Throws<ArgumentException>(() => MonerodCommandLine.Arguments(1, 2, "/tmp/x", 1, 600, [forbidden, "x"]));
    }

    /// <summary>Fresh nodes from the fixtures (their loopback-only flags, leased ports, logs on failure); disposing one stops it.</summary>
    private sealed class FixtureNodes(DaemonGroup group) : ICompareNodes
    {
        public async Task<NodeProcess> StartAsync(NodeKind kind, int peers, CancellationToken ct)
        {
            string[] inPeers = ["--in-peers", (peers + 64).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            DaemonProcess node = kind == NodeKind.Monerod
                ? await group.StartMonerodAsync(new MonerodOptions { Name = "monerod-side-by-side", MaxConnectionsPerIp = 1, ExtraArguments = inPeers })
                : await group.StartMoneroNetAsync(new MoneroNetOptions
                {
                    Name = "moneronet-side-by-side",
                    MaxConnectionsPerIp = 1,
                    LogLevel = 0,
                    ExtraArguments = inPeers,
                });
            return NodeProcess.Target(node.P2PEndPoint, node.RpcEndPoint, node.ProcessId, owner: node);
        }
    }
}
