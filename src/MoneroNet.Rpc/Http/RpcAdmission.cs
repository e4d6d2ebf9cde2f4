using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// Who may open an RPC connection, decided at accept, before TLS detection or HTTP parsing: monerod's
/// <c>is_host_limit</c> (epee http_server_impl_base.h). A connection is refused when the server already holds
/// <see cref="MaxConnections"/>, or when its source already holds its per-source cap: <see cref="MaxPerPrivateIp"/>
/// for loopback and private (10/8, 172.16/12, 192.168/16, IPv6 link-local) sources, <see cref="MaxPerPublicIp"/>
/// for the rest. Sources are counted per IPv4 address, per /64 for global IPv6 addresses, per address otherwise.
/// </summary>
/// <remarks>
/// Beyond monerod: the host's own loopback addresses (127.0.0.1, ::1) may open up to <see cref="LoopbackReserve"/>
/// connections past <see cref="MaxConnections"/> (still within their per-source cap), so that a flood from other
/// addresses, which monerod lets fill the server, never locks the operator's own tools out. Loopback addresses
/// other than these two count as ordinary private sources: they are what a test (or a local proxy) floods from.
/// </remarks>
public sealed class RpcAdmission
{
    /// <summary>Extra connections 127.0.0.1 and ::1 may hold once the server is full.</summary>
    public const int LoopbackReserve = 4;

    private readonly Dictionary<SourceKey, int> _perSource = new();
    private readonly Lock _lock = new();
    private int _open;

    public RpcAdmission(int maxConnections, int maxPerPublicIp, int maxPerPrivateIp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerPublicIp);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerPrivateIp);
        if (maxConnections < maxPerPublicIp)
            throw new ArgumentException("max public IP connections cannot be more than max connections", nameof(maxPerPublicIp));
        if (maxConnections < maxPerPrivateIp)
            throw new ArgumentException("max private IP connections cannot be more than max connections", nameof(maxPerPrivateIp));
        MaxConnections = maxConnections;
        MaxPerPublicIp = maxPerPublicIp;
        MaxPerPrivateIp = maxPerPrivateIp;
    }

    public int MaxConnections { get; }
    public int MaxPerPublicIp { get; }
    public int MaxPerPrivateIp { get; }

    /// <summary>Connections admitted and not yet released.</summary>
    public int Open
    {
        get { lock (_lock) return _open; }
    }

    /// <summary>
    /// Admits a connection from <paramref name="remote"/> and counts it, or refuses it and counts nothing. An
    /// admitted connection must be released with <see cref="Release"/> when it closes.
    /// </summary>
    public bool TryAdmit(IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var key = SourceKey.Of(remote);
        int perSourceCap = IsPrivate(remote) ? MaxPerPrivateIp : MaxPerPublicIp;
        int totalCap = IsHostLoopback(remote) ? MaxConnections + LoopbackReserve : MaxConnections;
        lock (_lock)
        {
            if (_open >= totalCap) return false;
            _perSource.TryGetValue(key, out int held);
            if (held >= perSourceCap) return false;
            _perSource[key] = held + 1;
            _open++;
            return true;
        }
    }

    /// <summary>Releases a connection <see cref="TryAdmit"/> admitted.</summary>
    public void Release(IPAddress remote)
    {
        var key = SourceKey.Of(remote);
        lock (_lock)
        {
            if (!_perSource.TryGetValue(key, out int held)) return;
            if (held <= 1) _perSource.Remove(key);
            else _perSource[key] = held - 1;
            _open--;
        }
    }

    /// <summary>
    /// Kestrel connection middleware: a refused connection is closed at once, before anything is parsed from it,
    /// gracefully (FIN) as monerod closes it. A connection without an IP endpoint (none in practice) is let through
    /// uncounted.
    /// </summary>
    internal ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var remote })
        {
            await next(connection).ConfigureAwait(false);
            return;
        }
        if (!TryAdmit(remote))
        {
            // Returning without next closes the socket with a FIN; Abort would reset it (docs/PROTOCOL.md §7.8).
            return;
        }
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Release(remote);
        }
    };

    /// <summary>monerod's "private": loopback, RFC 1918 IPv4, IPv6 link-local.</summary>
    internal static bool IsPrivate(IPAddress address)
    {
        address = Unmapped(address);
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6) return address.IsIPv6LinkLocal;
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168);
    }

    internal static bool IsHostLoopback(IPAddress address)
    {
        address = Unmapped(address);
        return address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback);
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>What connections are counted under: an IPv4 address, a global IPv6 /64, or another IPv6 address.</summary>
    internal readonly record struct SourceKey(ulong High, ulong Low, bool V6)
    {
        public static SourceKey Of(IPAddress address)
        {
            address = Unmapped(address);
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out int n);
            if (n == 4) return new(0, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b), false);
            ulong high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b);
            ulong low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[8..]);
            return GroupsBy64(address) ? new(high, 0, true) : new(high, low, true);
        }

        // epee's should_group_ipv6_by_prefix: every address but the unspecified, loopback, multicast, link-local,
        // site-local, unique-local (fc00::/7) and IPv4-mapped ones.
        private static bool GroupsBy64(IPAddress address) =>
            !address.Equals(IPAddress.IPv6None) && !IPAddress.IsLoopback(address) && !address.IsIPv6Multicast
            && !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && !address.IsIPv6UniqueLocal && !address.IsIPv4MappedToIPv6;
    }
}
