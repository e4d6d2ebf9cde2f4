using MoneroNet.Node.Netinfo;

namespace MoneroNet.Node.Tests.Netinfo;

/// <summary>Fixed snapshots for the renderer tests: what a MoneroNet node and a monerod answer, frozen.</summary>
internal static class NetinfoSamples
{
    public static readonly DateTimeOffset TakenAt = DateTimeOffset.FromUnixTimeSeconds(1_796_303_705);

    /// <summary>
    /// A MoneroNet node with four peers: an exclusive outbound with a slow last ping, an outbound feeler not yet
    /// measured, a fast inbound and an inbound over tor.
    /// </summary>
    public static NetinfoSnapshot MoneroNet() => new()
    {
        TakenAt = TakenAt,
        RpcEndPoint = "127.0.0.1:38081",
        Version = "0.1.0",
        Network = "stagenet",
        Height = 1,
        TargetHeight = 0,
        StartTime = TakenAt.ToUnixTimeSeconds() - 3_725,
        HasExtendedFacts = true,
        TotalBytesIn = 2_127,
        TotalBytesOut = 1_873,
        Rtt = new NetinfoRtt(10, 2, 5, 47.5),
        SuspectedProxies = 0,
        P2PListeners = ["public 127.0.0.1:38080", "public [::]:38080"],
        Peers =
        [
            new NetinfoPeer
            {
                Incoming = true, ConnectionType = "inbound", Zone = "tor",
                Address = "abcdefghijklmnop.onion:18083", PeerId = "0000000000000001", State = "normal", Height = 1,
                AgeSeconds = 4_000, SendIdleSeconds = 12, RecvIdleSeconds = 3, PingMs = 250.4, MinPingMs = 180.25,
                ProxyCheck = "not_applicable",
            },
            new NetinfoPeer
            {
                Incoming = false, ConnectionType = "exclusive", Zone = "public",
                Address = "127.0.0.1:38180", PeerId = "796005cf3ddfc597", State = "normal", Height = 1,
                AgeSeconds = 75, SendIdleSeconds = 5, RecvIdleSeconds = 5, PingMs = 2.11839, MinPingMs = 0.629636,
                ProxyCheck = "consistent", Asn = 64500, Country = "US",
                Traffic =
                [
                    new NetinfoCommandTraffic("get_txpool_complement", 1, 43, 0, 0),
                    new NetinfoCommandTraffic("handshake", 1, 295, 1, 295),
                    new NetinfoCommandTraffic("ping", 3, 213, 3, 129),
                    new NetinfoCommandTraffic("timed_sync", 3, 615, 3, 615),
                ],
            },
            new NetinfoPeer
            {
                Incoming = false, ConnectionType = "feeler", Zone = "public",
                Address = "[::1]:38080", PeerId = "0000000000000000", State = "before_handshake", Height = 0,
                AgeSeconds = 1, SendIdleSeconds = 1, RecvIdleSeconds = 1, ProxyCheck = "not_applicable",
            },
            new NetinfoPeer
            {
                Incoming = true, ConnectionType = "inbound", Zone = "public",
                Address = "127.0.0.1:41292", PeerId = "da74442296206d5c", State = "normal", Height = 1_234_567,
                AgeSeconds = 200_000, SendIdleSeconds = 16, RecvIdleSeconds = 130, PingMs = 0.608846,
                MinPingMs = 0.608846, ProxyCheck = "pending",
            },
        ],
    };

    /// <summary>monerod's answers: no extended fields, no get_connection_stats.</summary>
    public static NetinfoSnapshot Monerod() => new()
    {
        TakenAt = TakenAt,
        RpcEndPoint = "127.0.0.1:28081",
        Version = "0.18.3.4-release",
        Network = "testnet",
        Height = 1,
        TargetHeight = 5,
        StartTime = TakenAt.ToUnixTimeSeconds() - 42,
        HasExtendedFacts = false,
        TotalBytesIn = 900,
        TotalBytesOut = 2_000_000,
        Peers =
        [
            new NetinfoPeer
            {
                Incoming = true, Zone = "public", Address = "127.0.0.1:50000", PeerId = "575c283b417e81aa",
                State = "normal", Height = 1, AgeSeconds = 19, SendIdleSeconds = 19, RecvIdleSeconds = 19,
            },
        ],
    };
}
