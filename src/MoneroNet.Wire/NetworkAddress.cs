using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// epee's <c>network_address</c>: an IPv4 or IPv6 endpoint, a Tor or I2P host with port, or the empty (invalid)
/// address a peer-list entry loads as when its type is missing or unknown. Immutable, with value equality.
/// On the wire: <c>{ "addr": {…}, "type": u8 }</c> (docs/PROTOCOL.md §3.1).
/// </summary>
public sealed class NetworkAddress : IEquatable<NetworkAddress>
{
    // Host buffers of monerod's tor_address (63) and i2p_address (61), NUL terminator included.
    private const int TorHostBuffer = 63;
    private const int I2pHostBuffer = 61;
    private const string UnknownTorHost = "<unknown tor host>";
    private const string UnknownI2pHost = "<unknown i2p host>";
    private static readonly SearchValues<char> Base32Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567");

    private readonly IPAddress? _ip;
    private readonly string? _host;

    private NetworkAddress(NetworkAddressType type, IPAddress? ip, string? host, ushort port)
    {
        Type = type;
        _ip = ip;
        _host = host;
        Port = port;
    }

    /// <summary>The empty address (type 0); monerod prints it as <c>&lt;none&gt;</c>.</summary>
    public static NetworkAddress Invalid { get; } = new(NetworkAddressType.Invalid, null, null, 0);

    /// <summary>The address's zone and form, the <c>type</c> byte on the wire.</summary>
    public NetworkAddressType Type { get; }

    /// <summary>Numeric address type id as in get_connections' <c>address_type</c> (0 invalid, 1 ipv4, 2 ipv6, 3 i2p, 4 tor).</summary>
    public byte TypeId => (byte)Type;

    /// <summary>The TCP port (inside <c>addr</c>: <c>m_port</c> for IPv4/IPv6, <c>port</c> for onion and I2P hosts).</summary>
    public ushort Port { get; }

    /// <summary>The IP of an IPv4/IPv6 address, null otherwise.</summary>
    public IPAddress? IPAddress => _ip;

    /// <summary>The host name of a Tor/I2P address, null otherwise.</summary>
    public string? Host => _host;

    /// <summary>
    /// An IPv4 address's <c>m_ip</c> exactly as monerod holds it: the u32 whose little-endian bytes are the four
    /// octets in order (192.0.2.10 → 0x0a0200c0 = 167 903 424). 0 for other types.
    /// </summary>
    public uint IPv4Packed => Type == NetworkAddressType.IPv4 ? PackIPv4(_ip!) : 0;

    /// <summary>An IPv4 address from monerod's packed <c>m_ip</c>.</summary>
    public static NetworkAddress FromIPv4(uint packedIp, ushort port)
    {
        Span<byte> octets = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(octets, packedIp);
        return new(NetworkAddressType.IPv4, new IPAddress(octets), null, port);
    }

    /// <summary>An IPv4 or IPv6 address (by the address family; an IPv6 address stays IPv6 even when v4-mapped).</summary>
    public static NetworkAddress FromIP(IPAddress ip, ushort port)
    {
        ArgumentNullException.ThrowIfNull(ip);
        return ip.AddressFamily switch
        {
            AddressFamily.InterNetwork => new(NetworkAddressType.IPv4, ip, null, port),
            // The scope id is not part of monerod's address (16 raw bytes only).
            AddressFamily.InterNetworkV6 => new(NetworkAddressType.IPv6, new IPAddress(ip.GetAddressBytes()), null, port),
            _ => throw new ArgumentException($"not an IP address family: {ip.AddressFamily}", nameof(ip)),
        };
    }

    /// <summary>
    /// From a socket endpoint. An IPv4-mapped IPv6 endpoint (what a dual-mode .NET socket reports for an IPv4 peer)
    /// becomes IPv4, since monerod's IPv4 acceptor would have seen that peer as IPv4.
    /// </summary>
    public static NetworkAddress FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var ip = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        return FromIP(ip, checked((ushort)endPoint.Port));
    }

    /// <summary>A Tor address; the host must pass monerod's check (16 or 56 base32 chars + <c>.onion</c>).</summary>
    public static NetworkAddress Tor(string host, ushort port) =>
        IsValidTorHost(host) ? new(NetworkAddressType.Tor, null, host, port) : throw new ArgumentException($"not a valid onion host: {host}", nameof(host));

    /// <summary>An I2P address; the host must pass monerod's check (52 base32 chars + <c>.b32.i2p</c>).</summary>
    public static NetworkAddress I2p(string host, ushort port) =>
        IsValidI2pHost(host) ? new(NetworkAddressType.I2p, null, host, port) : throw new ArgumentException($"not a valid b32.i2p host: {host}", nameof(host));

    /// <summary>The endpoint of an IPv4/IPv6 address; null for Tor, I2P and invalid.</summary>
    public IPEndPoint? ToIPEndPoint() => _ip is null ? null : new IPEndPoint(_ip, Port);

    /// <summary>monerod's <c>host_str()</c>: <c>1.2.3.4</c>, <c>::1</c>, <c>x.onion</c>, <c>&lt;none&gt;</c>.</summary>
    public string HostString() => Type switch
    {
        NetworkAddressType.IPv4 or NetworkAddressType.IPv6 => _ip!.ToString(),
        NetworkAddressType.Tor or NetworkAddressType.I2p => _host!,
        _ => "<none>",
    };

    /// <summary>
    /// monerod's <c>str()</c>: <c>1.2.3.4:18080</c>, <c>[::1]:18080</c>, <c>x.onion:18080</c> (Tor/I2P without
    /// <c>:port</c> when the port is 0), <c>&lt;none&gt;</c> for the invalid address.
    /// </summary>
    public override string ToString() => Type switch
    {
        NetworkAddressType.IPv4 => $"{_ip}:{Port.ToString(CultureInfo.InvariantCulture)}",
        NetworkAddressType.IPv6 => $"[{_ip}]:{Port.ToString(CultureInfo.InvariantCulture)}",
        NetworkAddressType.Tor or NetworkAddressType.I2p => Port == 0 ? _host! : $"{_host}:{Port.ToString(CultureInfo.InvariantCulture)}",
        _ => "<none>",
    };

    /// <summary>
    /// Loads as monerod does: the <c>type</c> u8 selects the layout; a missing/unknown type, a missing <c>addr</c>
    /// object, or a Tor/I2P host that fails monerod's check gives <see cref="Invalid"/>. Missing inner fields are zero
    /// (an IPv6 <c>addr</c> blob of the wrong length is <c>::</c>). Inconvertible or out-of-range integers throw.
    /// </summary>
    public static NetworkAddress FromSection(EpeeSection section, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Load(section, FieldPath.Of(prefix));
    }

    internal static NetworkAddress Load(EpeeSection section, FieldPath path)
    {
        if (!section.ContainsKey("type")) return Invalid;
        var type = (NetworkAddressType)FieldReader.UInt8(section, "type", path);
        if (type is not (NetworkAddressType.IPv4 or NetworkAddressType.IPv6 or NetworkAddressType.Tor or NetworkAddressType.I2p))
            return Invalid;
        if (FieldReader.Object(section, "addr") is not { } addr) return Invalid;
        FieldPath inner = path.Append("addr.");
        switch (type)
        {
            case NetworkAddressType.IPv4:
                return FromIPv4(FieldReader.UInt32(addr, "m_ip", inner), FieldReader.UInt16(addr, "m_port", inner));
            case NetworkAddressType.IPv6:
            {
                byte[] bytes = FieldReader.PodBlob(addr, "addr", inner, 16) ?? new byte[16];
                return new(NetworkAddressType.IPv6, new IPAddress(bytes), null, FieldReader.UInt16(addr, "m_port", inner));
            }
            default:
            {
                // monerod copies the host into a fixed NUL-terminated buffer; the text is compared byte-wise, so
                // Latin-1 keeps every byte of a (necessarily ASCII, if valid) host.
                byte[]? hostBytes = FieldReader.Bytes(addr, "host", inner);
                ushort port = FieldReader.UInt16(addr, "port", inner);
                string host = hostBytes is null ? "" : System.Text.Encoding.Latin1.GetString(hostBytes);
                bool ok = type == NetworkAddressType.Tor
                    ? host.Length < TorHostBuffer && (host == UnknownTorHost || IsValidTorHost(host))
                    : host.Length < I2pHostBuffer && (host == UnknownI2pHost || IsValidI2pHost(host));
                return ok ? new(type, null, host, port) : Invalid;
            }
        }
    }

    /// <summary>Stores as monerod does; the invalid address is stored as <c>{ "type": 0 }</c> alone.</summary>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order ("addr" before "type"), sections sized exactly, so the writer need not sort.
        if (Type == NetworkAddressType.Invalid)
        {
            var invalid = new EpeeSection(1);
            invalid.Add("type", EpeeValue.FromUInt8(TypeId));
            return invalid;
        }
        var addr = new EpeeSection(2);
        switch (Type)
        {
            case NetworkAddressType.IPv4:
                addr.Add("m_ip", EpeeValue.FromUInt32(PackIPv4(_ip!)));
                addr.Add("m_port", EpeeValue.FromUInt16(Port));
                break;
            case NetworkAddressType.IPv6:
                addr.Add("addr", EpeeValue.FromBytes(_ip!.GetAddressBytes()));
                addr.Add("m_port", EpeeValue.FromUInt16(Port));
                break;
            default:
                addr.Add("host", EpeeValue.FromBytes(System.Text.Encoding.Latin1.GetBytes(_host!)));
                addr.Add("port", EpeeValue.FromUInt16(Port));
                break;
        }
        var section = new EpeeSection(2);
        section.Add("addr", EpeeValue.FromSection(addr));
        section.Add("type", EpeeValue.FromUInt8(TypeId));
        return section;
    }

    private static uint PackIPv4(IPAddress ip)
    {
        Span<byte> octets = stackalloc byte[4];
        ip.TryWriteBytes(octets, out _);
        return BinaryPrimitives.ReadUInt32LittleEndian(octets);
    }

    private static bool IsValidTorHost(string host) =>
        host.EndsWith(".onion", StringComparison.Ordinal) && IsBase32(host.AsSpan(0, host.Length - 6), 16, 56);

    private static bool IsValidI2pHost(string host) =>
        host.EndsWith(".b32.i2p", StringComparison.Ordinal) && IsBase32(host.AsSpan(0, host.Length - 8), 52, 52);

    private static bool IsBase32(ReadOnlySpan<char> name, int lengthA, int lengthB) =>
        (name.Length == lengthA || name.Length == lengthB) && !name.ContainsAnyExcept(Base32Alphabet);

    /// <inheritdoc/>
    public bool Equals(NetworkAddress? other) =>
        other is not null && Type == other.Type && Port == other.Port
        && Equals(_ip, other._ip) && string.Equals(_host, other._host, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NetworkAddress);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Port, _ip, _host);
}
