using System.Diagnostics;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The node-wide throttle measured on real sockets with the real clock: a peer floods the node with pings, and the
/// bytes the node takes in (download limit) or sends back (upload limit) arrive at the configured rate, give or take
/// the one-second burst. Without a limit the same traffic passes at once.
/// </summary>
public class RateLimitTests
{
    private const int LimitKBps = 8;

    [Fact]
    public async Task Download_limit_holds_the_nodes_intake_near_the_rate()
    {
        await using var node = await TestNode.StartAsync(configure: o => o with { LimitRateDownKBps = LimitKBps });
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        var (bytes, seconds) = await FloodAsync(peer, session, upload: false);

        AssertNearRate(bytes, seconds);
    }

    [Fact]
    public async Task Upload_limit_holds_the_nodes_answers_near_the_rate()
    {
        await using var node = await TestNode.StartAsync(configure: o => o with { LimitRateUpKBps = LimitKBps });
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        var (bytes, seconds) = await FloodAsync(peer, session, upload: true);

        AssertNearRate(bytes, seconds);
    }

    [Fact]
    public async Task Without_a_limit_the_same_flood_passes_at_once_and_a_limit_set_while_running_applies()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        var (_, unlimited) = await FloodAsync(peer, session, upload: false);
        Assert.True(unlimited < 1.0, $"an unthrottled node took {unlimited:F2} s");

        node.Node.RateLimits.DownKBps = LimitKBps; // as /set_limit does
        var (bytes, seconds) = await FloodAsync(peer, session, upload: false);
        AssertNearRate(bytes, seconds);
    }

    /// <summary>
    /// Sends the pings at once and times how long the node takes to read all of them (download) or to send all their
    /// answers (upload); returns the bytes that crossed the throttled direction and the seconds it took.
    /// </summary>
    private static async Task<(long Bytes, double Seconds)> FloodAsync(RawPeer peer, PeerSession session, bool upload)
    {
        // Each ping is ~40 bytes and its answer ~80: about three seconds' worth at the limit either way.
        int pingCount = upload ? 300 : 600;
        while (peer.UnreadFrames > 0) await peer.NextAsync(); // answers to an earlier flood
        byte[] ping = Vectors.Load("p2p_probe_testnet/ping_request.hex");
        var flood = new byte[ping.Length * pingCount];
        for (int i = 0; i < pingCount; i++) ping.CopyTo(flood, i * ping.Length);

        ulong receivedBefore = session.Stats.RecvCount;
        ulong sentBefore = session.Stats.SendCount;
        int framesBefore = peer.UnreadFrames;

        var clock = Stopwatch.StartNew();
        await peer.SendRawAsync(flood);
        if (upload)
        {
            await Poll.UntilAsync(() => peer.UnreadFrames >= framesBefore + pingCount, "every ping answered", TimeSpan.FromSeconds(30));
            return ((long)(session.Stats.SendCount - sentBefore), clock.Elapsed.TotalSeconds);
        }
        await Poll.UntilAsync(() => session.Stats.RecvCount - receivedBefore >= (ulong)flood.Length, "every ping read", TimeSpan.FromSeconds(30));
        return (flood.Length, clock.Elapsed.TotalSeconds);
    }

    private static void AssertNearRate(long bytes, double seconds)
    {
        double rate = LimitKBps * 1024.0;
        // The first second's worth passes as a burst; every byte beyond it waits its turn at the rate.
        double fastest = (bytes - rate) / rate;
        Assert.True(seconds >= fastest * 0.9, $"{bytes} bytes took {seconds:F2} s, faster than {LimitKBps} kB/s allows ({fastest:F2} s)");
        Assert.True(seconds <= bytes / rate * 1.5 + 1, $"{bytes} bytes took {seconds:F2} s, far slower than {LimitKBps} kB/s ({bytes / rate:F2} s)");
    }
}
