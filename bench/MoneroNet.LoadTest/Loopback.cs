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
    public static IPAddress SourceFor(int index) => SourceIn(10, index);

    /// <summary>
    /// Address <paramref name="index"/> of the block 127.<paramref name="block"/>.0.0/16, as 127.block.x.y with y in
    /// 1..250 (so no .0 or .255 host part): up to 62,500 addresses a block.
    /// </summary>
    public static IPAddress SourceIn(byte block, int index)
    {
        if (index is < 0 or >= BlockSize) throw new ArgumentOutOfRangeException(nameof(index), index, "at most 62,500 addresses a block");
        return new IPAddress([127, block, (byte)(index / 250), (byte)(index % 250 + 1)]);
    }

    /// <summary>Addresses <see cref="SourceIn"/> hands out in one 127.block.0.0/16.</summary>
    public const int BlockSize = 250 * 250;
}
