using System.Net;
using System.Net.Sockets;

namespace MoneroNet.P2P.Bans;

/// <summary>
/// CIDR subtraction, as monerod master's <c>unblock_subnet</c> does it (monero issue 10325, <c>subtract_ipv4_subnet</c>
/// in net_node.inl), for IPv4 and, beyond monerod, IPv6: a removed subnet taken out of a blocked subnet leaves
/// the blocked subnet whole when they are disjoint, nothing when it is covered, and otherwise both halves of the blocked
/// subnet (prefix + 1), each subtracted again. What is left is the fewest CIDR blocks covering exactly the blocked
/// addresses outside the removed subnet: at most one block per prefix bit between the two prefixes
/// (a /32 hole in a /0 leaves 32 blocks, a /128 hole in an IPv6 /0 128).
/// </summary>
internal static class SubnetArithmetic
{
    /// <summary>Adds to <paramref name="result"/> the blocks of <paramref name="blocked"/> outside <paramref name="removed"/>.</summary>
    public static void Subtract(IPNetwork blocked, IPNetwork removed, List<IPNetwork> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var family = blocked.BaseAddress.AddressFamily;
        if (removed.BaseAddress.AddressFamily != family)
        {
            result.Add(blocked);
            return;
        }

        int width = family == AddressFamily.InterNetwork ? 32 : 128;
        Subtract(family, width, First(blocked), blocked.PrefixLength, First(removed), Last(removed, width), result);
    }

    /// <summary>The blocks of <paramref name="blocked"/> outside <paramref name="removed"/>, as a new list.</summary>
    public static List<IPNetwork> Subtract(IPNetwork blocked, IPNetwork removed)
    {
        var result = new List<IPNetwork>();
        Subtract(blocked, removed, result);
        return result;
    }

    /// <summary>Whether the two subnets share an address (one holds the other, since CIDR blocks nest or are apart).</summary>
    public static bool Overlap(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    /// <summary>The host's own block: /32 for IPv4, /128 for IPv6.</summary>
    public static IPNetwork HostBlock(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    private static void Subtract(AddressFamily family, int width, UInt128 first, int prefix, UInt128 removedFirst,
        UInt128 removedLast, List<IPNetwork> result)
    {
        var last = first | HostMask(width, prefix);
        if (removedLast < first || last < removedFirst)
        {
            result.Add(new IPNetwork(ToAddress(family, first), prefix));
            return;
        }
        if (removedFirst <= first && last <= removedLast) return;

        // Partly covered, so the removed block is smaller and lies in one half: the recursion goes one level deeper
        // per prefix bit (at most 128 levels), and the other half is kept whole at each level.
        int child = prefix + 1;
        Subtract(family, width, first, child, removedFirst, removedLast, result);
        Subtract(family, width, first | (UInt128.One << (width - child)), child, removedFirst, removedLast, result);
    }

    private static UInt128 HostMask(int width, int prefix) =>
        width - prefix >= 128 ? UInt128.MaxValue : (UInt128.One << (width - prefix)) - UInt128.One;

    private static UInt128 First(IPNetwork net) => ToValue(net.BaseAddress);

    private static UInt128 Last(IPNetwork net, int width) => First(net) | HostMask(width, net.PrefixLength);

    private static UInt128 ToValue(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        UInt128 value = 0;
        for (int i = 0; i < written; i++) value = (value << 8) | bytes[i];
        return value;
    }

    private static IPAddress ToAddress(AddressFamily family, UInt128 value)
    {
        int length = family == AddressFamily.InterNetwork ? 4 : 16;
        Span<byte> bytes = stackalloc byte[length];
        for (int i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }
        return new IPAddress(bytes);
    }
}
