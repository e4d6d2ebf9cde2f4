using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MoneroNet.P2P.NetworkFacts;

/// <summary>
/// The network a peer address sits in, at the granularity operators group peers by: the IPv4 /24 or the IPv6 /48
/// (the smallest prefixes commonly routed, so one operator rarely spans fewer). An IPv4-mapped IPv6 address
/// (::ffff:a.b.c.d, what a dual-mode socket reports) is its IPv4 /24. Eight bytes, computed without allocating;
/// <see cref="ToString"/> is the canonical text: "203.0.113.0/24", "2001:db8:1::/48".
/// </summary>
public readonly struct PeerSubnet : IEquatable<PeerSubnet>, IComparable<PeerSubnet>
{
    /// <summary>Prefix length of an IPv4 subnet.</summary>
    public const int IPv4PrefixLength = 24;

    /// <summary>Prefix length of an IPv6 subnet.</summary>
    public const int IPv6PrefixLength = 48;

    /// <summary>Marks an IPv6 subnet; the low 24 (IPv4) or 48 (IPv6) bits hold the prefix itself.</summary>
    private const ulong IPv6Flag = 1UL << 63;

    private readonly ulong _value;

    private PeerSubnet(ulong value) => _value = value;

    /// <summary>True for an IPv6 /48, false for an IPv4 /24.</summary>
    public bool IsIPv6 => (_value & IPv6Flag) != 0;

    /// <summary>24 or 48.</summary>
    public int PrefixLength => IsIPv6 ? IPv6PrefixLength : IPv4PrefixLength;

    /// <summary>The subnet of <paramref name="address"/>; IPv4 and IPv6 only.</summary>
    /// <exception cref="ArgumentException">Another address family.</exception>
    public static PeerSubnet From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || !address.TryWriteBytes(bytes, out int written))
        {
            throw new ArgumentException($"not an IPv4 or IPv6 address: {address.AddressFamily}", nameof(address));
        }
        return From(bytes[..written]);
    }

    /// <summary>The subnet of a 4-byte IPv4 or 16-byte IPv6 address in network order.</summary>
    /// <exception cref="ArgumentException">Neither 4 nor 16 bytes.</exception>
    public static PeerSubnet From(ReadOnlySpan<byte> address)
    {
        if (address.Length == 16 && IsIPv4Mapped(address))
        {
            address = address[12..];
        }
        return address.Length switch
        {
            4 => new PeerSubnet(BinaryPrimitives.ReadUInt32BigEndian(address) >> 8),
            16 => new PeerSubnet(IPv6Flag | (BinaryPrimitives.ReadUInt64BigEndian(address) >> 16)),
            _ => throw new ArgumentException($"an address has 4 or 16 bytes, not {address.Length}", nameof(address)),
        };
    }

    /// <summary>::ffff:a.b.c.d: ten zero bytes, two 0xff bytes, then the IPv4 address.</summary>
    internal static bool IsIPv4Mapped(ReadOnlySpan<byte> address) =>
        address.Length == 16 && address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xff && address[11] == 0xff;

    /// <summary>The first address of the subnet ("203.0.113.0", "2001:db8:1::").</summary>
    public IPAddress NetworkAddress()
    {
        if (!IsIPv6)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)(_value << 8));
            return new IPAddress(v4);
        }
        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(v6, (_value & ~IPv6Flag) << 16);
        return new IPAddress(v6);
    }

    /// <summary>CIDR text: "203.0.113.0/24" or "2001:db8:1::/48" (RFC 5952 form, as <see cref="IPAddress.ToString"/>).</summary>
    public override string ToString() => $"{NetworkAddress()}/{PrefixLength}";

    /// <summary>Same subnet.</summary>
    public bool Equals(PeerSubnet other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PeerSubnet other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>IPv4 subnets first, then IPv6, each in address order.</summary>
    public int CompareTo(PeerSubnet other) => _value.CompareTo(other._value);

    /// <summary>Same subnet.</summary>
    public static bool operator ==(PeerSubnet left, PeerSubnet right) => left.Equals(right);

    /// <summary>Different subnets.</summary>
    public static bool operator !=(PeerSubnet left, PeerSubnet right) => !left.Equals(right);

    /// <summary>Orders before (IPv4 first, then by prefix).</summary>
    public static bool operator <(PeerSubnet left, PeerSubnet right) => left.CompareTo(right) < 0;

    /// <summary>Orders before or is the same.</summary>
    public static bool operator <=(PeerSubnet left, PeerSubnet right) => left.CompareTo(right) <= 0;

    /// <summary>Orders after.</summary>
    public static bool operator >(PeerSubnet left, PeerSubnet right) => left.CompareTo(right) > 0;

    /// <summary>Orders after or is the same.</summary>
    public static bool operator >=(PeerSubnet left, PeerSubnet right) => left.CompareTo(right) >= 0;
}
