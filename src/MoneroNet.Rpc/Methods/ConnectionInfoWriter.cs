using System.Buffers;
using System.Buffers.Text;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// Writes one <c>connection_info</c> object of <c>get_connections</c> straight into the answer: the same fields and
/// arithmetic as <see cref="ConnectionInfoFormatter"/> (monerod's, docs/PROTOCOL.md §6) and, for the extended listing,
/// <see cref="ConnectionFactsFormatter"/>'s facts, all in epee's name order, with the numbers and hex ids formatted
/// into the output rather than into strings.
/// </summary>
public static class ConnectionInfoWriter
{
    private const byte AddressTypeIpv4 = 1;
    private const byte AddressTypeIpv6 = 2;

    /// <summary>The traffic commands in the byte order of their names, as a per-command object lists them.</summary>
    private static readonly int[] CommandsByName = Enumerable.Range(0, TrafficCommands.Count)
        .OrderBy(i => TrafficCommands.NameOf((TrafficCommand)i), Utf8OrdinalComparer.Instance)
        .ToArray();

    /// <summary>Each command's name in UTF-8, indexed by <see cref="TrafficCommand"/>.</summary>
    private static readonly byte[][] CommandNames = Enumerable.Range(0, TrafficCommands.Count)
        .Select(i => System.Text.Encoding.UTF8.GetBytes(TrafficCommands.NameOf((TrafficCommand)i)))
        .ToArray();

    /// <param name="writer">Positioned for a value (an element of the connections array).</param>
    /// <param name="connection">The connection's state.</param>
    /// <param name="nowUnixSeconds">monerod's <c>time(NULL)</c>: whole unix seconds.</param>
    /// <param name="extended">Adds the facts, when the connection has them.</param>
    public static void Write(MonerodJsonWriter writer, ConnectionSnapshot connection, long nowUnixSeconds, bool extended)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(connection);
        var facts = extended ? connection.Facts : null;

        // As in ConnectionInfoFormatter: time_t differences stored in u64 fields wrap when the clock went backwards.
        var liveTime = unchecked((ulong)(nowUnixSeconds - connection.StartedUnixSeconds));
        var recvIdle = unchecked((ulong)(nowUnixSeconds - Math.Max(connection.StartedUnixSeconds, connection.LastRecvUnixSeconds)));
        var sendIdle = unchecked((ulong)(nowUnixSeconds - Math.Max(connection.StartedUnixSeconds, connection.LastSendUnixSeconds)));
        var hasIpAndPort = connection.AddressType is AddressTypeIpv4 or AddressTypeIpv6;
        Span<byte> scratch = stackalloc byte[32];

        // Every name below is written in ascending byte order; the facts' names fall in among monerod's.
        writer.WriteStartObject();
        writer.WriteString("address"u8, connection.Address);
        writer.WriteNumber("address_type"u8, (ulong)connection.AddressType);
        if (facts?.AsName is { } asName) writer.WriteString("as_name"u8, asName);
        if (facts?.Asn is { } asn) writer.WriteNumber("asn"u8, (ulong)asn);
        writer.WriteNumber("avg_download"u8, ConnectionInfoFormatter.Average(connection.RecvCount, liveTime));
        writer.WriteNumber("avg_upload"u8, ConnectionInfoFormatter.Average(connection.SendCount, liveTime));
        if (facts is not null)
        {
            WritePerCommand(writer, "bytes_recv_per_msg"u8, facts.Traffic.BytesReceived);
            WritePerCommand(writer, "bytes_sent_per_msg"u8, facts.Traffic.BytesSent);
        }

        Convert.TryToHexStringLower(connection.ConnectionId, scratch, out var idLength);
        writer.WriteString("connection_id"u8, scratch[..idLength]);
        if (facts is not null) writer.WriteString("connection_type"u8, facts.ConnectionType);
        if (facts?.Country is { } country) writer.WriteString("country"u8, country);
        writer.WriteNumber("current_download"u8, ConnectionInfoFormatter.KibPerSecond(connection.CurrentDownloadBytesPerSecond));
        writer.WriteNumber("current_upload"u8, ConnectionInfoFormatter.KibPerSecond(connection.CurrentUploadBytesPerSecond));
        writer.WriteNumber("height"u8, connection.Height);
        writer.WriteString("host"u8, connection.Host);
        writer.WriteBoolean("incoming"u8, connection.Incoming);
        if (facts is not null)
        {
            writer.WritePropertyName("inner_peer_ids"u8);
            writer.WriteStartArray();
            foreach (var id in facts.InnerPeerIds) writer.WriteString(Hex16(id, scratch));
            writer.WriteEndArray();
        }

        writer.WriteString("ip"u8, hasIpAndPort ? connection.Host : "");
        writer.WriteNumber("live_time"u8, liveTime);
        writer.WriteBoolean("local_ip"u8, connection.IsLocalIp);
        writer.WriteBoolean("localhost"u8, connection.IsLoopback);
        if (facts?.MinPingMs is { } minPing) writer.WriteNumber("min_ping_ms"u8, minPing);
        if (facts is not null)
        {
            WritePerCommand(writer, "msgs_recv_per_msg"u8, facts.Traffic.MessagesReceived);
            WritePerCommand(writer, "msgs_sent_per_msg"u8, facts.Traffic.MessagesSent);
        }

        writer.WriteString("peer_id"u8, Hex16(connection.PeerId, scratch));
        if (facts?.PingMs is { } ping) writer.WriteNumber("ping_ms"u8, ping);
        if (facts is not null) writer.WriteNumber("ping_wait_ms"u8, facts.PingWaitMs);
        if (hasIpAndPort)
        {
            Utf8Formatter.TryFormat(connection.Port, scratch, out var portLength);
            writer.WriteString("port"u8, scratch[..portLength]);
        }
        else
        {
            writer.WriteString("port"u8, ""u8);
        }

        if (facts is not null) writer.WriteString("proxy_check"u8, facts.ProxyCheck);
        writer.WriteNumber("pruning_seed"u8, (ulong)connection.PruningSeed);
        writer.WriteNumber("recv_count"u8, connection.RecvCount);
        writer.WriteNumber("recv_idle_time"u8, recvIdle);
        writer.WriteNumber("rpc_credits_per_hash"u8, (ulong)connection.RpcCreditsPerHash);
        writer.WriteNumber("rpc_port"u8, (ulong)connection.RpcPort);
        writer.WriteNumber("send_count"u8, connection.SendCount);
        writer.WriteNumber("send_idle_time"u8, sendIdle);
        writer.WriteString("state"u8, connection.State);
        if (facts is not null) writer.WriteString("subnet"u8, facts.Subnet);
        writer.WriteNumber("support_flags"u8, (ulong)connection.SupportFlags);
        if (facts is not null) writer.WriteBoolean("support_flags_requested"u8, facts.SupportFlagsRequested);
        writer.WriteEndObject();
    }

    /// <summary>16 lowercase hex digits, as get_connections prints <c>peer_id</c>.</summary>
    private static ReadOnlySpan<byte> Hex16(ulong value, Span<byte> scratch)
    {
        Utf8Formatter.TryFormat(value, scratch, out var length, new StandardFormat('x', 16));
        return scratch[..length];
    }

    /// <summary>The commands that have a count, by name in byte order (as <see cref="ConnectionFactsFormatter.PerCommand"/>).</summary>
    private static void WritePerCommand(MonerodJsonWriter writer, ReadOnlySpan<byte> name, ulong[] counts)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var command in CommandsByName)
        {
            if (command < counts.Length && counts[command] != 0) writer.WriteNumber(CommandNames[command], counts[command]);
        }

        writer.WriteEndObject();
    }
}
