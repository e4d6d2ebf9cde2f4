using System.Globalization;
using System.Text.Json;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>Snapshots for tests: plain ones, and ones rebuilt from the values a monerod transcript shows.</summary>
internal static class Snapshots
{
    public static ConnectionSnapshot Ipv4(string host = "127.0.0.22", ushort port = 35365, long started = 1_000, long now = 1_006) => new()
    {
        Incoming = true,
        AddressType = 1,
        Address = $"{host}:{port}",
        Host = host,
        Port = port,
        IsLocalIp = false,
        IsLoopback = host.StartsWith("127.", StringComparison.Ordinal),
        ConnectionId = Convert.FromHexString("a32269a357504251916d72d978e5211d"),
        PeerId = 0x0102030405060708,
        SupportFlags = 1,
        RpcPort = 0,
        RpcCreditsPerHash = 0,
        PruningSeed = 0,
        State = "normal",
        StartedUnixSeconds = started,
        LastRecvUnixSeconds = now,
        LastSendUnixSeconds = now,
        RecvCount = 338,
        SendCount = 338,
        CurrentDownloadBytesPerSecond = 0,
        CurrentUploadBytesPerSecond = 0,
        Height = 1,
    };

    /// <summary>
    /// The snapshots that make our get_connections print what monerod printed in a transcript at <paramref name="now"/>:
    /// times are placed so that live/idle times come out as shown, speeds so that they truncate to the shown KiB/s.
    /// Read with System.Text.Json, independently of the code under test.
    /// </summary>
    public static ConnectionSnapshot[] FromTranscriptBody(string body, long now)
    {
        using var document = JsonDocument.Parse(body);
        var result = document.RootElement.GetProperty("result");
        if (!result.TryGetProperty("connections", out var connections))
        {
            return [];
        }

        return FromConnectionInfos(connections.EnumerateArray(), now);
    }

    /// <summary>Snapshots from <c>connection_info</c> objects of a transcript (get_connections or sync_info's peers).</summary>
    public static ConnectionSnapshot[] FromConnectionInfos(IEnumerable<JsonElement> infos, long now)
    {
        return infos.Select(c =>
        {
            var address = c.GetProperty("address").GetString()!;
            return new ConnectionSnapshot
            {
                Incoming = c.GetProperty("incoming").GetBoolean(),
                AddressType = c.GetProperty("address_type").GetByte(),
                Address = address,
                Host = c.GetProperty("host").GetString()!,
                Port = ushort.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture),
                IsLocalIp = c.GetProperty("local_ip").GetBoolean(),
                IsLoopback = c.GetProperty("localhost").GetBoolean(),
                ConnectionId = Convert.FromHexString(c.GetProperty("connection_id").GetString()!),
                PeerId = ulong.Parse(c.GetProperty("peer_id").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                SupportFlags = c.GetProperty("support_flags").GetUInt32(),
                RpcPort = c.GetProperty("rpc_port").GetUInt16(),
                RpcCreditsPerHash = c.GetProperty("rpc_credits_per_hash").GetUInt32(),
                PruningSeed = c.GetProperty("pruning_seed").GetUInt32(),
                State = c.GetProperty("state").GetString()!,
                StartedUnixSeconds = now - c.GetProperty("live_time").GetInt64(),
                LastRecvUnixSeconds = now - c.GetProperty("recv_idle_time").GetInt64(),
                LastSendUnixSeconds = now - c.GetProperty("send_idle_time").GetInt64(),
                RecvCount = c.GetProperty("recv_count").GetUInt64(),
                SendCount = c.GetProperty("send_count").GetUInt64(),
                CurrentDownloadBytesPerSecond = (c.GetProperty("current_download").GetUInt64() * 1024) + 512,
                CurrentUploadBytesPerSecond = (c.GetProperty("current_upload").GetUInt64() * 1024) + 100.5,
                Height = c.GetProperty("height").GetUInt64(),
            };
        }).ToArray();
    }
}
