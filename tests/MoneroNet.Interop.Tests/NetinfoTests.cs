using System.Text.Json;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// `moneronet netinfo 0..4` run as a separate process against a running MoneroNet connected to real monerods both
/// ways (one dialled by MoneroNet, one dialling it), and against monerod itself, whose RPC has none of MoneroNet's
/// extended fields. Every printed count and row is checked against the node's own get_connections.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class NetinfoTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Netinfo_AgainstMoneroNet_ListsEveryPeerWithItsTypeIdAndAddress_AndCountsAsGetConnections() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var dialled = await group.StartMonerodAsync(new MonerodOptions { Name = "dialled" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [dialled.P2PEndPoint] });
            await group.StartMonerodAsync(new MonerodOptions { Name = "dialling", ExclusiveNodes = [node.P2PEndPoint] });
            var ct = group.Token;
            await Eventually.MatchAsync(token => ExtendedConnectionsAsync(node, token),
                cs => cs.Count == 2 && cs.All(Handshaken) && cs.Count(c => Incoming(c)) == 1, ConnectWithin,
                "MoneroNet holds one outgoing and one incoming handshaken monerod connection", ct,
                describe: cs => string.Join("; ", cs));

            for (var level = 0; level <= 4; level++)
            {
                // The two monerod connections stay; a momentary extra one (a back-ping) would make the listing
                // differ from the get_connections read around it, so the run is repeated until both agree.
                var (text, connections) = await StableRunAsync(node, level, ct);
                var counts = Counts(text);
                Assert.Equal((1, 1, 2), counts["total"]);
                Assert.Equal((1, 0, 1), counts["inbound"]);
                Assert.Equal((0, 1, 1), counts["exclusive"]);
                Assert.Equal((1, 1, 2), counts["public"]);
                foreach (var type in new[] { "outbound", "anchor", "priority", "manual", "seed", "feeler" })
                    Assert.Equal((0, 0, 0), counts[type]);
                Assert.Contains("netinfo: MoneroNet ", text, StringComparison.Ordinal);
                Assert.Contains($"Local addresses: p2p public {node.P2PEndPoint}; rpc {node.RpcEndPoint}", text, StringComparison.Ordinal);
                Assert.DoesNotContain("reports no connection types", text, StringComparison.Ordinal);

                var rows = PeerRows(text);
                if (level == 0)
                {
                    Assert.Empty(rows);
                    continue;
                }
                Assert.Equal(connections.Count, rows.Count);
                Assert.Equal(["out", "in"], rows.Select(r => r[0])); // outbound first
                foreach (var connection in connections)
                {
                    var type = connection.GetProperty("connection_type").GetString()!;
                    var row = Assert.Single(rows, r => r[0] == (Incoming(connection) ? "in" : "out"));
                    Assert.Equal(type, row[1]);
                    Assert.Equal("public", row[2]);
                    Assert.Equal(connection.GetProperty("height").GetUInt64().ToString(), row[8]);
                    if (level >= 2)
                    {
                        Assert.Equal(connection.GetProperty("peer_id").GetString(), row[^2]);
                        Assert.Equal(connection.GetProperty("address").GetString(), row[^1]);
                    }
                    if (level >= 3)
                        Assert.Equal(connection.GetProperty("state").GetString(), row[9]);
                }
                if (level >= 4)
                {
                    // Both connections handshaked: each has a received and a sent line naming the handshake.
                    var lines = text.Split('\n');
                    Assert.Equal(2, lines.Count(l => l.StartsWith("    recv ", StringComparison.Ordinal) && l.Contains(" handshake ")));
                    Assert.Equal(2, lines.Count(l => l.StartsWith("    sent ", StringComparison.Ordinal) && l.Contains(" handshake ")));
                }
            }
        });

    [Fact]
    public Task Netinfo_AgainstMonerod_ShowsMonerodsFieldsAndDashesForTheRest() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M" });
            await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [monerod.P2PEndPoint] });
            var ct = group.Token;
            await Eventually.MatchAsync(monerod.Rpc.GetConnectionsAsync, cs => cs.Count == 1 && cs[0].IsHandshaken,
                ConnectWithin, "monerod lists MoneroNet's connection handshaken", ct, describe: cs => string.Join("; ", cs));
            var connection = Assert.Single(await monerod.Rpc.GetConnectionsAsync(ct));

            for (var level = 0; level <= 4; level++)
            {
                var run = await RunAsync(monerod, level);
                Assert.Equal(0, run.ExitCode);
                Assert.Equal("", run.Error);
                var text = run.Output;
                Assert.Matches(@"^netinfo: node 0\.18\.[0-9.]+-\S+ on testnet, height \d+", text);
                Assert.Contains("This node reports no connection types, pings, proxy checks, ASes or traffic by command (monerod).", text, StringComparison.Ordinal);
                var counts = Counts(text);
                Assert.Equal((1, 0, 1), counts["untyped"]);
                Assert.Equal((1, 0, 1), counts["total"]);
                Assert.Equal((0, 0, 0), counts["inbound"]);
                Assert.DoesNotContain("Round trips", text, StringComparison.Ordinal); // no get_connection_stats
                Assert.Contains("Traffic since start: ", text, StringComparison.Ordinal); // monerod has get_net_stats
                var rows = PeerRows(text);
                if (level == 0)
                {
                    Assert.Empty(rows);
                    continue;
                }
                var row = Assert.Single(rows);
                Assert.Equal(["in", "-", "public", "-", "-"], row[..5]);
                if (level >= 2)
                {
                    Assert.Equal(connection.PeerId, row[^2]);
                    Assert.Equal(connection.Address, row[^1]);
                }
                if (level >= 3)
                    Assert.Equal([connection.State, "-", "-"], row[9..12]);
                if (level >= 4)
                    Assert.Contains("\n    traffic by command: not reported\n", text, StringComparison.Ordinal);
            }
        });

    [Fact]
    public async Task Netinfo_WithNoNodeListening_PrintsOneLineOnStderrAndExitsOne()
    {
        using var lease = PortAllocator.Lease(); // leased, never bound: nothing answers there
        var endPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, lease.Port);
        var run = await NetinfoCli.RunAsync(endPoint, ["1", "--testnet"], RunTimeout);
        output.WriteLine(run.Error);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"netinfo: cannot reach the node's RPC at {endPoint}: ", line, StringComparison.Ordinal);
    }

    private async Task<(string Text, IReadOnlyList<JsonElement> Connections)> StableRunAsync(DaemonProcess node, int level,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await ExtendedConnectionsAsync(node, ct);
            var run = await RunAsync(node, level);
            var after = await ExtendedConnectionsAsync(node, ct);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Error);
            if (Ids(before).SequenceEqual(Ids(after)) || attempt == 5)
            {
                Assert.Equal(Ids(before), Ids(after));
                return (run.Output, after);
            }
        }
    }

    private async Task<CliRun> RunAsync(DaemonProcess node, int level)
    {
        var run = await NetinfoCli.RunAsync(node.RpcEndPoint, [level.ToString(), "--testnet"], RunTimeout);
        output.WriteLine($"$ moneronet netinfo {level} --testnet --rpc-bind-port {node.RpcPort}  (exit {run.ExitCode})\n{run.Output}{run.Error}");
        return run;
    }

    private static async Task<IReadOnlyList<JsonElement>> ExtendedConnectionsAsync(DaemonProcess node, CancellationToken ct)
    {
        var result = await node.Rpc.CallAsync<JsonElement>("get_connections", new { extended = true }, ct);
        return result.TryGetProperty("connections", out var cs) ? cs.EnumerateArray().ToList() : [];
    }

    private static List<string> Ids(IEnumerable<JsonElement> connections) =>
        connections.Select(c => c.GetProperty("connection_id").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static bool Incoming(JsonElement c) => c.GetProperty("incoming").GetBoolean();

    private static bool Handshaken(JsonElement c) =>
        c.GetProperty("state").GetString() == "normal" && c.GetProperty("peer_id").GetString() is { } id
        && id != "0000000000000000";

    /// <summary>The counts table: a name and three numbers a line.</summary>
    private static Dictionary<string, (int In, int Out, int Total)> Counts(string text) =>
        text.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 4 && f[1..].All(n => n.All(char.IsAsciiDigit)))
            .ToDictionary(f => f[0], f => (int.Parse(f[1]), int.Parse(f[2]), int.Parse(f[3])));

    /// <summary>The peer table's rows, split into cells (no cell holds a space).</summary>
    private static List<string[]> PeerRows(string text) =>
        text.Split('\n')
            .Where(l => l.StartsWith("out ", StringComparison.Ordinal) || l.StartsWith("in ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
}
