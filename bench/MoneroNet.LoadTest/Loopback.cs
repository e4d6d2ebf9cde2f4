using System.Net;

namespace MoneroNet.LoadTest;

/// <summary>The load test only ever talks to 127.0.0.0/8: a hard rule of this project's load tests.</summary>
public static class Loopback
{
    public static void Require(IPAddress address, string what)
    {
        if (!IPAddress.IsLoopback(address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"{what} {address} is not an IPv4 loopback address; the load test only uses 127.0.0.0/8");
    }

    /// <summary>
    /// The source address of peer <paramref name="index"/>: 127.10.x.y with y in 1..250, so up to 62,500 peers each
    /// have their own IP (the node allows one incoming connection per IP by default).
    /// </summary>
    public static IPAddress SourceFor(int index)
    {
        if (index is < 0 or >= 250 * 250) throw new ArgumentOutOfRangeException(nameof(index), index, "at most 62,500 peers");
        return new IPAddress([127, 10, (byte)(index / 250), (byte)(index % 250 + 1)]);
    }
}
