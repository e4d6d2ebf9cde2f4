using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>Process-wide P2P totals (get_net_stats): the sum of every connection's counters, kept after they close.</summary>
public class NetStatsTests
{
    [Fact]
    public async Task Totals_are_the_sum_of_the_connections_and_outlive_them()
    {
        await using var a = await TestNode.StartOnOwnHostAsync();
        await using var b = await TestNode.StartOnOwnHostAsync();
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(a.Node.StartedUnixSeconds, before - 60, before);
        Assert.Equal(0ul, a.Node.NetStats.TotalBytesIn);

        var outgoing = (await a.Node.ConnectAsync(b.EndPoint))!;
        var incoming = await b.SessionOfAsync(outgoing.LocalEndPoint);
        await Poll.UntilAsync(() => outgoing.HandshakeComplete && incoming.HandshakeComplete, "handshake");
        a.Node.SendTimedSyncs();
        await Poll.StableAsync(() => (outgoing.Stats.RecvCount, incoming.Stats.RecvCount, a.Node.NetStats.TotalBytesOut, b.Node.NetStats.TotalBytesIn),
            TimeSpan.FromMilliseconds(300));

        var s = outgoing.Stats;
        Assert.Equal(s.RecvCount, a.Node.NetStats.TotalBytesIn);
        Assert.Equal(s.SendCount, a.Node.NetStats.TotalBytesOut);
        Assert.Equal(s.RecvPackets, a.Node.NetStats.TotalPacketsIn);
        Assert.Equal(s.SendPackets, a.Node.NetStats.TotalPacketsOut);
        Assert.Equal(a.Node.NetStats.TotalBytesOut, b.Node.NetStats.TotalBytesIn);
        Assert.Equal(a.Node.NetStats.TotalBytesIn, b.Node.NetStats.TotalBytesOut);

        ulong bytesIn = a.Node.NetStats.TotalBytesIn;
        outgoing.Close(Connections.DisconnectReason.Requested, "test");
        await Poll.UntilAsync(() => a.Node.Connections.Count == 0, "closed");
        Assert.Equal(bytesIn, a.Node.NetStats.TotalBytesIn);

        // A second connection adds to the totals.
        await using var raw = await b.ConnectRawAsync(Loopback.Next());
        await raw.HandshakeAsync();
        await Poll.UntilAsync(() => b.Node.NetStats.TotalBytesIn == a.Node.NetStats.TotalBytesOut + (ulong)raw.BytesSent, "b counted the raw peer");
    }
}
