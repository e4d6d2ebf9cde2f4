using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

public sealed class ConnectionInfoFormatterTests
{
    private const long Now = 1_800_000_000;

    private static ulong U(RpcJsonObject info, string key) => Assert.IsType<RpcJsonUnsigned>(info[key]).Value;

    private static string S(RpcJsonObject info, string key) => Assert.IsType<RpcJsonString>(info[key]).Value;

    private static bool B(RpcJsonObject info, string key) => Assert.IsType<RpcJsonBool>(info[key]).Value;

    [Fact]
    public void Prints_every_field_of_section_6_and_nothing_else()
    {
        var info = ConnectionInfoFormatter.Format(Snapshots.Ipv4(now: Now, started: Now - 10), Now);

        Assert.Equal(
            [
                "address", "address_type", "avg_download", "avg_upload", "connection_id", "current_download", "current_upload",
                "height", "host", "incoming", "ip", "live_time", "local_ip", "localhost", "peer_id", "port", "pruning_seed",
                "recv_count", "recv_idle_time", "rpc_credits_per_hash", "rpc_port", "send_count", "send_idle_time", "state",
                "support_flags",
            ],
            info.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Averages_are_zero_in_the_first_second_and_integer_kib_per_second_after()
    {
        var fresh = Snapshots.Ipv4(started: Now, now: Now) with { RecvCount = 1_000_000, SendCount = 5_000_000 };
        var info = ConnectionInfoFormatter.Format(fresh, Now);
        Assert.Equal(0UL, U(info, "live_time"));
        Assert.Equal(0UL, U(info, "avg_download"));
        Assert.Equal(0UL, U(info, "avg_upload"));

        var older = fresh with { StartedUnixSeconds = Now - 3 };
        info = ConnectionInfoFormatter.Format(older, Now);
        Assert.Equal(3UL, U(info, "live_time"));
        Assert.Equal(1_000_000UL / 3 / 1024, U(info, "avg_download")); // 325: divided by time first, then by 1024
        Assert.Equal(5_000_000UL / 3 / 1024, U(info, "avg_upload"));
    }

    [Fact]
    public void Idle_times_count_from_the_later_of_start_and_last_traffic()
    {
        var never = Snapshots.Ipv4(started: Now - 40, now: Now) with { LastRecvUnixSeconds = 0, LastSendUnixSeconds = 0 };
        var info = ConnectionInfoFormatter.Format(never, Now);
        Assert.Equal(40UL, U(info, "recv_idle_time"));
        Assert.Equal(40UL, U(info, "send_idle_time"));

        var recent = never with { LastRecvUnixSeconds = Now - 7, LastSendUnixSeconds = Now - 12 };
        info = ConnectionInfoFormatter.Format(recent, Now);
        Assert.Equal(7UL, U(info, "recv_idle_time"));
        Assert.Equal(12UL, U(info, "send_idle_time"));
        Assert.Equal(40UL, U(info, "live_time"));
    }

    [Fact]
    public void A_clock_that_went_backwards_wraps_like_monerods_unsigned_fields()
    {
        var future = Snapshots.Ipv4(started: Now + 2, now: Now + 2) with { RecvCount = 4096 };
        var info = ConnectionInfoFormatter.Format(future, Now);
        Assert.Equal(ulong.MaxValue - 1, U(info, "live_time"));
        Assert.Equal(0UL, U(info, "avg_download"));
    }

    [Theory]
    [InlineData(0.0, 0UL)]
    [InlineData(1023.99, 0UL)]
    [InlineData(1024.0, 1UL)]
    [InlineData(9 * 1024 + 1023.5, 9UL)]
    [InlineData(-5.0, 0UL)]
    [InlineData(double.NaN, 0UL)]
    public void Current_speeds_are_truncated_kib_per_second(double bytesPerSecond, ulong expected)
    {
        var snapshot = Snapshots.Ipv4(now: Now) with
        {
            CurrentDownloadBytesPerSecond = bytesPerSecond,
            CurrentUploadBytesPerSecond = bytesPerSecond,
        };
        var info = ConnectionInfoFormatter.Format(snapshot, Now);
        Assert.Equal(expected, U(info, "current_download"));
        Assert.Equal(expected, U(info, "current_upload"));
    }

    [Fact]
    public void Ipv6_peers_get_ip_and_port_as_in_monerod_master()
    {
        var snapshot = Snapshots.Ipv4(now: Now) with
        {
            AddressType = 2,
            Address = "[::1]:38350",
            Host = "::1",
            Port = 38350,
            IsLoopback = true,
        };
        var info = ConnectionInfoFormatter.Format(snapshot, Now);
        Assert.Equal("[::1]:38350", S(info, "address"));
        Assert.Equal("::1", S(info, "host"));
        Assert.Equal("::1", S(info, "ip"));
        Assert.Equal("38350", S(info, "port"));
        Assert.Equal(2UL, U(info, "address_type"));
        Assert.True(B(info, "localhost"));
    }

    [Theory]
    [InlineData((byte)3, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzab.b32.i2p:0")]
    [InlineData((byte)4, "expyuzz4wqqyqhjn.onion:18083")]
    [InlineData((byte)0, "<none>")]
    public void Other_zones_leave_ip_and_port_empty(byte type, string address)
    {
        var snapshot = Snapshots.Ipv4(now: Now) with { AddressType = type, Address = address, Host = address, Port = 18083 };
        var info = ConnectionInfoFormatter.Format(snapshot, Now);
        Assert.Equal("", S(info, "ip"));
        Assert.Equal("", S(info, "port"));
        Assert.Equal(address, S(info, "host"));
    }

    [Fact]
    public void Before_the_handshake_the_peer_id_is_sixteen_zeros()
    {
        var snapshot = Snapshots.Ipv4(now: Now) with { PeerId = 0, State = "before_handshake", SupportFlags = 0, Height = 0 };
        var info = ConnectionInfoFormatter.Format(snapshot, Now);
        Assert.Equal("0000000000000000", S(info, "peer_id"));
        Assert.Equal("before_handshake", S(info, "state"));
    }

    [Theory]
    [InlineData(0x0102030405060708UL, "0102030405060708")]
    [InlineData(0xFFFFFFFFFFFFFFFFUL, "ffffffffffffffff")]
    [InlineData(0xABCUL, "0000000000000abc")]
    public void Peer_id_is_the_numeric_value_in_zero_padded_lowercase_hex(ulong peerId, string expected)
    {
        var info = ConnectionInfoFormatter.Format(Snapshots.Ipv4(now: Now) with { PeerId = peerId }, Now);
        Assert.Equal(expected, S(info, "peer_id"));
    }

    [Fact]
    public void Connection_id_is_the_uuid_bytes_in_memory_order_as_lowercase_hex()
    {
        byte[] id = [0x3B, 0xC0, 0x00, 0x0E, 0xAB, 0x18, 0x43, 0xE6, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xFF];
        var info = ConnectionInfoFormatter.Format(Snapshots.Ipv4(now: Now) with { ConnectionId = id }, Now);
        Assert.Equal("3bc0000eab1843e601020304050607ff", S(info, "connection_id"));
    }

    [Fact]
    public void Plain_values_pass_through()
    {
        var snapshot = Snapshots.Ipv4(now: Now) with
        {
            Incoming = false,
            IsLocalIp = true,
            IsLoopback = false,
            PruningSeed = 0x181,
            RpcPort = 18089,
            RpcCreditsPerHash = 42,
            SupportFlags = 1,
            Height = 3_000_000,
            RecvCount = 815,
            SendCount = 748,
            State = "synchronizing",
        };
        var info = ConnectionInfoFormatter.Format(snapshot, Now);
        Assert.False(B(info, "incoming"));
        Assert.True(B(info, "local_ip"));
        Assert.False(B(info, "localhost"));
        Assert.Equal(0x181UL, U(info, "pruning_seed"));
        Assert.Equal(18089UL, U(info, "rpc_port"));
        Assert.Equal(42UL, U(info, "rpc_credits_per_hash"));
        Assert.Equal(3_000_000UL, U(info, "height"));
        Assert.Equal(815UL, U(info, "recv_count"));
        Assert.Equal(748UL, U(info, "send_count"));
        Assert.Equal("synchronizing", S(info, "state"));
    }
}
