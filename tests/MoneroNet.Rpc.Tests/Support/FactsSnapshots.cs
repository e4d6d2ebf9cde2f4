using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>Connection facts and node-wide stats with every field set, for the exact-JSON tests of issue 9's methods.</summary>
internal static class FactsSnapshots
{
    public static CommandTraffic Traffic(ulong scale = 1)
    {
        var t = CommandTraffic.Empty();
        t.MessagesReceived[(int)TrafficCommand.Handshake] = 1 * scale;
        t.BytesReceived[(int)TrafficCommand.Handshake] = 250 * scale;
        t.MessagesReceived[(int)TrafficCommand.Other] = 1 * scale;
        t.BytesReceived[(int)TrafficCommand.Other] = 88 * scale;
        t.MessagesSent[(int)TrafficCommand.Handshake] = 1 * scale;
        t.BytesSent[(int)TrafficCommand.Handshake] = 300 * scale;
        t.MessagesSent[(int)TrafficCommand.Ping] = 2 * scale;
        t.BytesSent[(int)TrafficCommand.Ping] = 38 * scale;
        return t;
    }

    public static ConnectionFactsSnapshot Facts(string type = "inbound", string subnet = "127.0.0.0/24", uint? asn = null) => new()
    {
        ConnectionType = type,
        Traffic = Traffic(),
        PingMs = 0.25,
        MinPingMs = 0.125,
        PingWaitMs = 0,
        ProxyCheck = "consistent",
        SupportFlagsRequested = false,
        Subnet = subnet,
        Asn = asn,
        AsName = asn is null ? null : "EXAMPLE-AS",
        Country = asn is null ? null : "ZZ",
    };

    public static ConnectionStatsSnapshot Stats() => new()
    {
        Traffic = Traffic(scale: 10),
        ClosesByReason = new Dictionary<string, ulong> { ["remote_closed"] = 3, ["idle_timeout"] = 1, ["banned"] = 0 },
        HandshakesByResult = new Dictionary<string, ulong> { ["ok"] = 4, ["timeout"] = 1 },
        // 10 samples: 5 ≤ 1 ms, 4 in (1, 10], 1 above 100 ms.
        Rtt = new RttHistogramSnapshot { UpperBoundsMs = [1, 10, 100], Counts = [5, 4, 0, 1], SampleCount = 10, SumMs = 250 },
        SuspectedProxies =
        [
            new SuspectedProxySnapshot
            {
                InnerPeerId = 0xaabbccddeeff0011,
                Addresses = ["127.0.0.9:18080", "127.0.0.10:18080"],
                OuterPeerIds = [0x1111111111111111, 0x2222222222222222],
                LastSeenUnixSeconds = 1_800_000_000,
            },
        ],
    };
}
