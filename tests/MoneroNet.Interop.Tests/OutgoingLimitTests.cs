using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.LoadTest;
using MoneroNet.LoadTest.Outgoing;
using MoneroNet.Wire;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// Outgoing connections at CI size (the bench's `outgoing`, docs/BENCHMARKS.md "Outgoing connections"): 300 listening
/// test peers on 127.33.x.y given to one MoneroNet as exclusive nodes with --out-peers 100. The node must reach 100
/// outgoing normal connections and, over the whole run, never hold more than 100 open at the listeners or list more
/// than 100 outgoing, and redial none of the addresses it holds. Behaviour only; no time is asserted beyond generous
/// bounds for getting there.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class OutgoingLimitTests(ITestOutputHelper output)
{
    private const int Listeners = 300;
    private const int OutPeers = 100;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    [Fact]
    public Task ThreeHundredListeners_OutPeers100_ReachesTheLimitAndNeverPassesIt() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            FileLimit.Ensure(2 * Listeners + 1024);
            await using var fleet = ListeningFleet.Start(Listeners, 33, NetworkType.Testnet, backlog: 16);
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                Name = "moneronet-outgoing",
                LogLevel = 0,
                ExclusiveNodes = fleet.EndPoints.ToList(),
                ExtraArguments = ["--out-peers", OutPeers.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            });

            int maxOutgoingListed = 0;
            var connected = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs =>
                {
                    maxOutgoingListed = Math.Max(maxOutgoingListed, cs.Count(c => !c.Incoming));
                    return cs.Count(c => !c.Incoming && c.State == "normal") >= OutPeers;
                },
                TimeSpan.FromSeconds(60), $"{OutPeers} outgoing normal connections", group.Token,
                describe: cs => $"{cs.Count(c => !c.Incoming && c.State == "normal")} outgoing normal of {cs.Count} listed; " +
                                $"{fleet.Open} open at the listeners");
            output.WriteLine($"{OutPeers} outgoing normal; listeners: {fleet.Accepted} accepted, {fleet.Handshakes} handshakes, " +
                             $"at most {fleet.PeakOpen} open at once");

            // A while longer: the node keeps its connections and dials nothing beyond the limit.
            for (int i = 0; i < 10; i++)
            {
                var cs = await node.Rpc.GetConnectionsAsync(group.Token);
                maxOutgoingListed = Math.Max(maxOutgoingListed, cs.Count(c => !c.Incoming));
                Assert.True(cs.Count(c => !c.Incoming && c.State == "normal") >= OutPeers,
                    $"outgoing normal fell to {cs.Count(c => !c.Incoming && c.State == "normal")} while every listener stayed up");
                await Task.Delay(500, group.Token);
            }
            output.WriteLine($"after the hold: at most {fleet.PeakOpen} open at the listeners, {maxOutgoingListed} outgoing listed, " +
                             $"{fleet.RedialledAddresses} addresses connected twice");
            Assert.True(fleet.PeakOpen <= OutPeers, $"{fleet.PeakOpen} connections open at once at the listeners, above --out-peers {OutPeers}");
            Assert.True(maxOutgoingListed <= OutPeers, $"get_connections listed {maxOutgoingListed} outgoing, above --out-peers {OutPeers}");
            Assert.Equal(0, fleet.RedialledAddresses);
            Assert.All(connected.Where(c => !c.Incoming), c => Assert.StartsWith("127.33.", c.Address, StringComparison.Ordinal));
        });
}
