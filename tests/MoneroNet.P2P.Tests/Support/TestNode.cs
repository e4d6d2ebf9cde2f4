using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests.Support;

/// <summary>
/// An in-process <see cref="P2PNode"/> on 127.0.0.1 with an ephemeral port, a captured log and timings short enough
/// that every timeout a test provokes fires within a second or two.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    /// <summary>monerod's timings with a fast maintainer; tests shorten further what they provoke.</summary>
    public static P2PTimings FastTimings => P2PTimings.Monerod with
    {
        MaintenanceInterval = TimeSpan.FromMilliseconds(50),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    private TestNode(P2PNode node, CapturedLog log)
    {
        Node = node;
        Log = log;
    }

    public P2PNode Node { get; }
    public CapturedLog Log { get; }
    public IPEndPoint EndPoint => Node.ListenEndPoints[0];

    /// <param name="time">A fake clock: the node's timers, timeouts and bans follow it (sockets stay real).</param>
    public static async Task<TestNode> StartAsync(NetworkType network = NetworkType.Testnet,
        Func<P2POptions, P2POptions>? configure = null, IPAddress? bind = null, TimeProvider? time = null)
    {
        var options = new P2POptions
        {
            Network = network,
            BindAddress = bind ?? IPAddress.Loopback,
            Port = 0,
            // Most tests open several connections from 127.0.0.1; the per-IP tests set their own limit.
            MaxConnectionsPerIp = 1000,
            // Tests never dial the internet: no seed nodes, whatever a test configures.
            UseSeedNodes = false,
            Timings = FastTimings,
        };
        if (configure is not null) options = configure(options) with { UseSeedNodes = false };
        var log = new CapturedLog();
        var node = new P2PNode(options, log, time);
        try
        {
            await node.StartAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return new TestNode(node, log);
    }

    /// <summary>A node on its own loopback host (127.1.x.y), so that several nodes are distinct hosts.</summary>
    public static Task<TestNode> StartOnOwnHostAsync(Func<P2POptions, P2POptions>? configure = null,
        NetworkType network = NetworkType.Testnet, TimeProvider? time = null) => StartAsync(network, configure, Loopback.Next(), time);

    /// <summary>
    /// A node on its own loopback host whose clock is <paramref name="time"/> and whose maintainer ticks only when the
    /// test calls <see cref="TickAsync"/>: timing logic is checked exactly, with no real waiting.
    /// </summary>
    public static Task<TestNode> StartOnFakeClockAsync(FakeTimeProvider time, Func<P2POptions, P2POptions>? configure = null,
        NetworkType network = NetworkType.Testnet) =>
        StartAsync(network, o => (configure?.Invoke(o) ?? o) with { ExternalMaintenanceTicks = true }, Loopback.Next(), time);

    /// <summary>Advances <paramref name="time"/> by <paramref name="step"/> and runs one maintainer tick, awaiting what it started.</summary>
    public async Task TickAsync(FakeTimeProvider time, TimeSpan step)
    {
        time.Advance(step);
        await Node.Maintainer.TickAsync();
    }

    /// <summary>Incoming and outgoing sessions that are open and handshaked.</summary>
    public int Handshaked(bool incoming) =>
        Node.Connections.All.Count(s => s.Incoming == incoming && s.HandshakeComplete && !s.IsClosed);

    public Task<RawPeer> ConnectRawAsync(IPAddress? source = null) => RawPeer.ConnectAsync(EndPoint, Node.Local.Network, source);

    /// <summary>The node's session for the connection whose remote end is <paramref name="remote"/> (waits for it).</summary>
    public async Task<PeerSession> SessionOfAsync(IPEndPoint remote)
    {
        PeerSession? found = null;
        await Poll.UntilAsync(() => (found = Node.Connections.All.FirstOrDefault(s => s.RemoteEndPoint.Equals(remote))) is not null,
            $"a session for {remote}");
        return found!;
    }

    public Task<PeerSession> SessionOfAsync(RawPeer peer) => SessionOfAsync(peer.LocalEndPoint);

    /// <summary>Waits for the single close log line of <paramref name="peer"/>'s connection and returns its reason.</summary>
    public async Task<string> CloseReasonOfAsync(string peer)
    {
        await Poll.UntilAsync(() => Log.ClosesOf(peer).Count > 0, $"the close log line of {peer}");
        return Log.ClosesOf(peer)[0].Field("Reason")!;
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
