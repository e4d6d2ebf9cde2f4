using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.LoadTest.Soak;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The soak (bench/MoneroNet.LoadTest `soak`, docs/RELIABILITY.md "Soak") cut to two minutes of churn against one
/// node: well-behaved peers coming and going, misbehaving ones (garbage, oversize length, wrong network, silent,
/// truncated frame), RPC polling on kept-alive and fresh connections, bans set and running out, ban-list and ASN-map
/// rewrites with SIGHUP. It fails on growth, never on speed: window C (the last 40 s) must stay within window B's
/// RSS, descriptor and thread figures plus the slack of <see cref="SoakBounds"/>, and the idle node after the final
/// drain within the descriptors and threads it had after the warm-up drain; and on anything the node must not do
/// (admit a banned host or a mainnet peer, drop a silent loopback peer, keep a garbage one, list a ban after its end,
/// miss a reload, fail an RPC call), each of which waits up to 60 s before it counts.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Churn = TimeSpan.FromMinutes(2);
    /// <summary>Two minutes of churn, two drains of about half a minute, start and stop; the rest is room for a busy machine.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(8);

    [Fact]
    public Task TwoMinutesOfChurn_NodeStaysFlatAfterWarmUp_AndDoesNothingItMustNot() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            string dir = Directory.CreateTempSubdirectory("moneronet-interop-soak-").FullName;
            try
            {
                // Lighter than the bench's default (300 peers, 8 misbehavers/s): a shared 2-core machine runs this.
                var options = new SoakOptions
                {
                    Duration = Churn,
                    Peers = 100,
                    MisbehaveRate = 4,
                    ReloadInterval = TimeSpan.FromSeconds(10),
                    AsnRows = 5_000,
                };
                string banList = Path.Combine(dir, "ban-list.txt"), asnMap = Path.Combine(dir, "asn-map.tsv");
                SoakFiles.WriteInitial(banList, asnMap, options.AsnRows);
                var node = await group.StartMoneroNetAsync(new MoneroNetOptions
                {
                    Name = "moneronet-soak",
                    MaxConnectionsPerIp = 1,
                    LogLevel = 0,
                    ExtraArguments = ["--ban-list", banList, "--asn-map", asnMap],
                });
                var target = new SoakTarget(node.ProcessId, node.P2PEndPoint, node.RpcEndPoint, banList, asnMap,
                    node.ReloadBanList, () => node.HasExited);

                var report = await new SoakRun(options, target, output.WriteLine).RunAsync(group.Token);
                output.WriteLine(report.Summary());

                Assert.True(report.NodeAlive, "the node exited during the soak");
                var c = report.Counters;
                // Every kind of churn happened (none of these depends on speed beyond "at least once in two minutes").
                Assert.All(new (string, long)[]
                {
                    ("peers handshaken", c.PeersHandshaken.Value), ("peers left with a reset", c.PeersLeftWithReset.Value),
                    ("garbage peers dropped", c.MisbehaversDroppedByNode.Value), ("silent peers", c.SilentPeers.Value),
                    ("get_connections calls", c.GetConnectionsCalls.Value), ("calls on fresh connections", c.FreshConnectionCalls.Value),
                    ("probes refused while banned", c.BannedProbesRefused.Value), ("bans seen expired", c.BansSeenExpired.Value),
                    ("probes admitted after a ban's end", c.ExpiredBanProbesAdmitted.Value), ("peers dropped by a ban", c.PeersDroppedByBan.Value),
                    ("reloads seen applied", c.ReloadsSeenApplied.Value),
                }, kv => Assert.True(kv.Item2 > 0, $"no {kv.Item1} in the whole soak"));
                Assert.True(c.AnomalyCount == 0,
                    $"{c.AnomalyCount} anomalies: {string.Join("; ", c.FirstAnomalies)}");
                Assert.All(report.Windows, w => Assert.True(w.Flat,
                    $"{w.Metric} grew after the warm-up: window C mean {w.C.Mean:0.0} / max {w.C.Max:0.0} against bounds " +
                    $"{w.MeanBound:0.0} / {w.MaxBound:0.0} (window B {w.B.Mean:0.0} / {w.B.Max:0.0})"));
                Assert.All(report.Drains, d => Assert.True(d.Flat,
                    $"{d.Metric}: {d.AtEnd:0} after the final drain, {d.AfterWarmUp:0} after the warm-up drain (bound {d.Bound:0}); differs: {d.Detail}"));
            }
            finally
            {
                await group.DisposeAsync();
                TempDirectory.DeleteQuietly(dir);
            }
        });
}
