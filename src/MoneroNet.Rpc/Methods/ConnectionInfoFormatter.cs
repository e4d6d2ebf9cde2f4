using System.Globalization;
using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// Computes one <c>connection_info</c> object of <c>get_connections</c> from a snapshot and the current time, with
/// monerod's arithmetic (<c>t_cryptonote_protocol_handler::get_connections</c>, docs/PROTOCOL.md §6). <c>ip</c> and
/// <c>port</c> are filled for IPv6 too, as monerod master does (0.18 leaves them empty, which makes its own console
/// print ":" for IPv6 peers).
/// </summary>
public static class ConnectionInfoFormatter
{
    private const byte AddressTypeIpv4 = 1;
    private const byte AddressTypeIpv6 = 2;

    /// <summary>The number of fields of a connection_info.</summary>
    private const int FieldCount = 25;

    /// <param name="connection">The connection's state.</param>
    /// <param name="nowUnixSeconds">monerod's <c>time(NULL)</c>: whole unix seconds.</param>
    public static RpcJsonObject Format(ConnectionSnapshot connection, long nowUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // monerod subtracts time_t values and stores the difference in u64 fields: a clock that went backwards wraps,
        // and the same wrapped value (cast to unsigned) is what the averages divide by.
        var liveTime = unchecked((ulong)(nowUnixSeconds - connection.StartedUnixSeconds));
        var recvIdle = unchecked((ulong)(nowUnixSeconds - Math.Max(connection.StartedUnixSeconds, connection.LastRecvUnixSeconds)));
        var sendIdle = unchecked((ulong)(nowUnixSeconds - Math.Max(connection.StartedUnixSeconds, connection.LastSendUnixSeconds)));

        var hasIpAndPort = connection.AddressType is AddressTypeIpv4 or AddressTypeIpv6;

        // The names are set in output order, so each is appended to an object sized for them (see RpcJsonObject).
        return new RpcJsonObject(FieldCount)
            .Set("address", connection.Address)
            .Set("address_type", (ulong)connection.AddressType)
            .Set("avg_download", Average(connection.RecvCount, liveTime))
            .Set("avg_upload", Average(connection.SendCount, liveTime))
            .Set("connection_id", Convert.ToHexStringLower(connection.ConnectionId))
            .Set("current_download", KibPerSecond(connection.CurrentDownloadBytesPerSecond))
            .Set("current_upload", KibPerSecond(connection.CurrentUploadBytesPerSecond))
            .Set("height", connection.Height)
            .Set("host", connection.Host)
            .Set("incoming", connection.Incoming)
            .Set("ip", hasIpAndPort ? connection.Host : "")
            .Set("live_time", liveTime)
            .Set("local_ip", connection.IsLocalIp)
            .Set("localhost", connection.IsLoopback)
            .Set("peer_id", connection.PeerId.ToString("x16", CultureInfo.InvariantCulture))
            .Set("port", hasIpAndPort ? connection.Port.ToString(CultureInfo.InvariantCulture) : "")
            .Set("pruning_seed", (ulong)connection.PruningSeed)
            .Set("recv_count", connection.RecvCount)
            .Set("recv_idle_time", recvIdle)
            .Set("rpc_credits_per_hash", (ulong)connection.RpcCreditsPerHash)
            .Set("rpc_port", (ulong)connection.RpcPort)
            .Set("send_count", connection.SendCount)
            .Set("send_idle_time", sendIdle)
            .Set("state", connection.State)
            .Set("support_flags", (ulong)connection.SupportFlags);
    }

    /// <summary>Bytes per second of the connection's whole life, in whole KiB/s; 0 in its first second.</summary>
    internal static ulong Average(ulong bytes, ulong liveTime) => liveTime == 0 ? 0 : bytes / liveTime / 1024;

    /// <summary>The speed in KiB/s truncated to an integer (a double-to-u64 conversion in monerod).</summary>
    internal static ulong KibPerSecond(double bytesPerSecond)
    {
        var kib = bytesPerSecond / 1024;
        if (double.IsNaN(kib) || kib < 1)
        {
            return 0;
        }

        return kib >= ulong.MaxValue ? ulong.MaxValue : (ulong)kib;
    }
}
