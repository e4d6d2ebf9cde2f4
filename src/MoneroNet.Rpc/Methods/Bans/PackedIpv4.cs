using System.Net;
using System.Net.Sockets;

namespace MoneroNet.Rpc.Methods.Bans;

/// <summary>
/// monerod's u32 form of an IPv4 address: the four address bytes in network order read as a little-endian number
/// (192.0.2.7 → 0x070200C0 = 117571776), as in the <c>ip</c> fields of set_bans, get_bans and get_peer_list.
/// </summary>
public static class PackedIpv4
{
    public static uint Pack(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("not an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public static IPAddress Unpack(uint packed)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, packed);
        return new IPAddress(bytes);
    }
}
