using System.Net;
using System.Net.Sockets;
using MoneroNet.Wire;

namespace MoneroNet.P2P.PeerLists;

/// <summary>
/// Which addresses monerod treats as loopback or local (epee's is_loopback / is_local), and which it lets into peer
/// lists and back-pings (peerlist_manager::is_host_allowed).
/// </summary>
internal static class AddressRules
{
    public static bool IsLoopback(IPAddress a) => IPAddress.IsLoopback(a);

    /// <summary>RFC 1918 private IPv4 and IPv6 link-local (epee's is_local); loopback is separate.</summary>
    public static bool IsPrivate(IPAddress a)
    {
        if (a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            a.TryWriteBytes(b, out _);
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168);
        }
        return a.IsIPv6LinkLocal;
    }

    /// <summary>Loopback or private: such peers get the long idle timeouts.</summary>
    public static bool IsLocal(IPAddress a) => IsLoopback(a) || IsPrivate(a);

    /// <summary>
    /// Whether an address may enter the peer lists. monerod never allows loopback and allows private addresses only
    /// with --allow-local-ip; MoneroNet's <c>AllowLocalIp</c> also admits loopback, so that nodes on 127.0.0.x can
    /// build peer lists in tests (monerod can never be observed doing so on loopback).
    /// </summary>
    public static bool IsListable(NetworkAddress address, bool allowLocalIp) =>
        address.IPAddress is { } ip && (allowLocalIp || !IsLocal(ip));

    /// <summary>Whether monerod would back-ping this address: loopback never, private only with --allow-local-ip.</summary>
    public static bool IsPingable(IPAddress ip, bool allowLocalIp) =>
        !IsLoopback(ip) && (allowLocalIp || !IsPrivate(ip));

    /// <summary>
    /// A received entry monerod's sanitize_peerlist drops: loopback/local (kept with AllowLocalIp), IPv4 0.0.0.0,
    /// IPv4 whose port equals its rpc_port, or a non-zero pruning seed outside stripes 1..8 of 2^3.
    /// </summary>
    public static bool IsSaneReceived(PeerlistEntry entry, bool allowLocalIp)
    {
        var address = entry.Address;
        if (address.IPAddress is { } ip)
        {
            if (!allowLocalIp && IsLocal(ip)) return false;
            if (address.Type == NetworkAddressType.IPv4 && (address.IPv4Packed == 0 || address.Port == entry.RpcPort)) return false;
        }
        return entry.PruningSeed == 0 || Protocol.SyncDataProcessor.IsValidPruningSeed(entry.PruningSeed);
    }

    /// <summary>The public zone holds IPv4 and IPv6; anything else in a received list fails the whole list.</summary>
    public static bool IsPublicZone(NetworkAddress address) =>
        address.Type is NetworkAddressType.IPv4 or NetworkAddressType.IPv6;
}
