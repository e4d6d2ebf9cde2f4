using System.Net;

namespace MoneroNet.P2P.Tests.Support;

/// <summary>
/// Distinct loopback addresses (127.1.x.y, all of 127/8 is loopback on Linux) so that in-process nodes are different
/// hosts: monerod's white list keeps one entry per host, and per-IP limits and bans are per host.
/// Unique for the whole test run; never overlaps the 127.0.0.x sources other tests use.
/// </summary>
internal static class Loopback
{
    private static int _next;

    public static IPAddress Next()
    {
        int n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 1, (byte)(n / 250 + 1), (byte)(n % 250 + 1)]);
    }

    /// <summary>A loopback TCP endpoint nothing listens on (bound, then closed at once).</summary>
    public static IPEndPoint DeadEndPoint(IPAddress address)
    {
        using var s = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        s.Bind(new IPEndPoint(address, 0));
        return (IPEndPoint)s.LocalEndPoint!;
    }
}
