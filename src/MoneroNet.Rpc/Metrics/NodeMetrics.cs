using System.Buffers;
using System.Collections.Concurrent;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// The node's P2P metric families, read from <see cref="INodeQuery"/> snapshots when a scrape comes and written as
/// Prometheus text (<see cref="PrometheusTextWriter"/>), never pushed per message. Names follow monero-exporter where they
/// overlap (<c>monero_p2p_connections</c>, <c>monero_net_rx_bytes</c>, <c>monero_net_tx_bytes</c>,
/// <c>monero_peerlist</c>, <c>monero_bans</c>) and are <c>moneronet_*</c> otherwise. Every label value comes from a
/// fixed list or from the node's own bounded vocabularies (close reasons, handshake results, ban sources), never from a
/// peer's address or id. README "Metrics" lists them all.
/// <para>
/// Why not prometheus-net instruments, as for the RPC and runtime families: every value here is already counted by the
/// node, so an instrument would hold a second copy, set at each scrape, and then be printed by the library at about
/// half a microsecond a series; these ~110 series were most of a scrape, which the bar of issue 9 holds to a get_info's
/// cost at 10,000 peers. Written from encoded prefixes, a series costs a copy and a number (docs/BENCHMARKS.md "/metrics").
/// </para>
/// </summary>
public sealed class NodeMetrics
{
    private readonly INodeQuery _node;

    private readonly byte[] _connectionsFamily = PrometheusTextWriter.Family(
        "monero_p2p_connections", "gauge", "Open P2P connections of every zone, by direction (in, out) and monerod state (as get_connections lists them)");
    private readonly byte[][] _connectionsByDirectionAndState;

    private readonly byte[] _connectionsByTypeFamily = PrometheusTextWriter.Family(
        "moneronet_p2p_connections", "gauge", "Open P2P connections by connection type (inbound, outbound, anchor, priority, exclusive, manual, seed, feeler) and zone");
    private readonly byte[][] _connectionsByTypeAndZone;

    /// <summary>Which (type, zone) series have had a connection: a series appears with its first connection and then
    /// stays, reading 0 when none is left (0 or 1; two scrapes at once may both set it, which is the same).</summary>
    private readonly int[] _typeAndZoneSeen;

    private readonly byte[] _rxBytesFamily = PrometheusTextWriter.Family("monero_net_rx_bytes", "gauge", "Bytes received by P2P sockets since start (get_net_stats total_bytes_in)");
    private readonly byte[] _rxBytes = PrometheusTextWriter.Series("monero_net_rx_bytes");
    private readonly byte[] _txBytesFamily = PrometheusTextWriter.Family("monero_net_tx_bytes", "gauge", "Bytes sent by P2P sockets since start (get_net_stats total_bytes_out)");
    private readonly byte[] _txBytes = PrometheusTextWriter.Series("monero_net_tx_bytes");

    private readonly byte[] _peerListFamily = PrometheusTextWriter.Family("monero_peerlist", "gauge", "Entries in the white and gray peer lists (public zone)");
    private readonly byte[] _whitePeers = PrometheusTextWriter.Series("monero_peerlist", ("type", "white"));
    private readonly byte[] _grayPeers = PrometheusTextWriter.Series("monero_peerlist", ("type", "gray"));

    private readonly byte[] _bansFamily = PrometheusTextWriter.Family("monero_bans", "gauge", "Bans in force (hosts and subnets)");
    private readonly byte[] _bans = PrometheusTextWriter.Series("monero_bans");
    private readonly byte[] _bansBySourceFamily = PrometheusTextWriter.Family("moneronet_bans", "gauge", "Bans in force by source: rpc, ban_list:<file name>, auto:<reason>");

    /// <summary>Every ban source seen since start, with its series: a source's series stays and reads 0 when its last
    /// ban ends. Sources are the node's own words (rpc, ban_list:&lt;file&gt;, auto:&lt;reason&gt;), so the set is small.</summary>
    private readonly ConcurrentDictionary<string, byte[]> _banSources = new(StringComparer.Ordinal);

    private readonly byte[] _messagesFamily = PrometheusTextWriter.Family(
        "moneronet_p2p_messages_total", "counter", "Levin messages by command and direction (in, out), every connection since start, closed ones included");
    private readonly byte[] _bytesFamily = PrometheusTextWriter.Family(
        "moneronet_p2p_bytes_total", "counter", "Bytes of Levin messages (header included) by command and direction; other holds unknown commands, noise and fragments");
    private readonly byte[][] _messagesIn = new byte[TrafficCommands.Count][];
    private readonly byte[][] _messagesOut = new byte[TrafficCommands.Count][];
    private readonly byte[][] _bytesIn = new byte[TrafficCommands.Count][];
    private readonly byte[][] _bytesOut = new byte[TrafficCommands.Count][];

    private readonly byte[] _handshakesFamily = PrometheusTextWriter.Family(
        "moneronet_p2p_handshakes_total", "counter", "P2P handshakes by result: ok, timeout, wrong_network, duplicate_peer_id, rejected, failed");
    private readonly ConcurrentDictionary<string, byte[]> _handshakeResults = new(StringComparer.Ordinal);
    private readonly byte[] _closesFamily = PrometheusTextWriter.Family("moneronet_p2p_closes_total", "counter", "Closed P2P connections by close reason");
    private readonly ConcurrentDictionary<string, byte[]> _closeReasons = new(StringComparer.Ordinal);

    private readonly byte[] _suspectedProxiesFamily = PrometheusTextWriter.Family(
        "moneronet_p2p_suspected_proxies", "gauge", "Distinct inner peer ids seen behind other peers' handshakes (ping answers with another peer id)");
    private readonly byte[] _suspectedProxies = PrometheusTextWriter.Series("moneronet_p2p_suspected_proxies");
    private readonly byte[] _suspectedProxyAddressesFamily = PrometheusTextWriter.Family(
        "moneronet_p2p_suspected_proxy_addresses", "gauge", "Addresses whose ping answers carried another peer id than their handshake");
    private readonly byte[] _suspectedProxyAddresses = PrometheusTextWriter.Series("moneronet_p2p_suspected_proxy_addresses");

    private readonly Func<string, byte[]> _banSourceSeries = source => PrometheusTextWriter.Series("moneronet_bans", ("source", source));
    private readonly Func<string, byte[]> _handshakeSeries = result => PrometheusTextWriter.Series("moneronet_p2p_handshakes_total", ("result", result));
    private readonly Func<string, byte[]> _closeSeries = reason => PrometheusTextWriter.Series("moneronet_p2p_closes_total", ("reason", reason));

    public NodeMetrics(INodeQuery node)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));

        var states = ConnectionCounts.States.Count;
        _connectionsByDirectionAndState = new byte[2 * states][];
        for (var state = 0; state < states; state++)
        {
            _connectionsByDirectionAndState[state] = PrometheusTextWriter.Series("monero_p2p_connections", ("type", "in"), ("state", ConnectionCounts.States[state]));
            _connectionsByDirectionAndState[states + state] = PrometheusTextWriter.Series("monero_p2p_connections", ("type", "out"), ("state", ConnectionCounts.States[state]));
        }

        var zones = ConnectionCounts.Zones.Count;
        _connectionsByTypeAndZone = new byte[ConnectionCounts.ConnectionTypes.Count * zones][];
        _typeAndZoneSeen = new int[_connectionsByTypeAndZone.Length];
        for (var type = 0; type < ConnectionCounts.ConnectionTypes.Count; type++)
        {
            for (var zone = 0; zone < zones; zone++)
            {
                _connectionsByTypeAndZone[type * zones + zone] = PrometheusTextWriter.Series(
                    "moneronet_p2p_connections", ("connection_type", ConnectionCounts.ConnectionTypes[type]), ("zone", ConnectionCounts.Zones[zone]));
            }
        }

        for (var i = 0; i < TrafficCommands.Count; i++)
        {
            var command = TrafficCommands.NameOf((TrafficCommand)i);
            _messagesIn[i] = PrometheusTextWriter.Series("moneronet_p2p_messages_total", ("command", command), ("direction", "in"));
            _messagesOut[i] = PrometheusTextWriter.Series("moneronet_p2p_messages_total", ("command", command), ("direction", "out"));
            _bytesIn[i] = PrometheusTextWriter.Series("moneronet_p2p_bytes_total", ("command", command), ("direction", "in"));
            _bytesOut[i] = PrometheusTextWriter.Series("moneronet_p2p_bytes_total", ("command", command), ("direction", "out"));
        }
    }

    /// <summary>Reads the node now and writes every family, the RTT histogram last (<see cref="RttHistogramExposition"/>).
    /// Nothing is kept between scrapes but which label values have been seen, so two scrapes at once each write a
    /// true reading.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var counts = _node.GetConnectionCounts();
        var peerLists = _node.GetPeerListSizes();
        var net = _node.GetNetStats();
        var bans = _node.GetBans();
        var stats = _node.GetConnectionStats();

        WriteConnections(output, counts);
        output.Write(_rxBytesFamily);
        PrometheusTextWriter.Sample(output, _rxBytes, net.TotalBytesIn);
        output.Write(_txBytesFamily);
        PrometheusTextWriter.Sample(output, _txBytes, net.TotalBytesOut);
        output.Write(_peerListFamily);
        PrometheusTextWriter.Sample(output, _whitePeers, peerLists.White);
        PrometheusTextWriter.Sample(output, _grayPeers, peerLists.Gray);
        WriteBans(output, bans);
        WriteTraffic(output, stats.Traffic);

        output.Write(_handshakesFamily);
        foreach (var (result, count) in stats.HandshakesByResult)
        {
            PrometheusTextWriter.Sample(output, _handshakeResults.GetOrAdd(result, _handshakeSeries), count);
        }

        output.Write(_closesFamily);
        foreach (var (reason, count) in stats.ClosesByReason)
        {
            PrometheusTextWriter.Sample(output, _closeReasons.GetOrAdd(reason, _closeSeries), count);
        }

        var addresses = 0L;
        foreach (var proxy in stats.SuspectedProxies)
        {
            addresses += proxy.Addresses.Count;
        }

        output.Write(_suspectedProxiesFamily);
        PrometheusTextWriter.Sample(output, _suspectedProxies, (long)stats.SuspectedProxies.Count);
        output.Write(_suspectedProxyAddressesFamily);
        PrometheusTextWriter.Sample(output, _suspectedProxyAddresses, addresses);

        RttHistogramExposition.WriteTo(stats.Rtt, output);
    }

    private void WriteConnections(IBufferWriter<byte> output, ConnectionCounts counts)
    {
        output.Write(_connectionsFamily);
        var states = ConnectionCounts.States.Count;
        for (var state = 0; state < states; state++)
        {
            PrometheusTextWriter.Sample(output, _connectionsByDirectionAndState[state], (long)counts.ByDirectionAndState(incoming: true, state));
        }

        for (var state = 0; state < states; state++)
        {
            PrometheusTextWriter.Sample(output, _connectionsByDirectionAndState[states + state], (long)counts.ByDirectionAndState(incoming: false, state));
        }

        output.Write(_connectionsByTypeFamily);
        var zones = ConnectionCounts.Zones.Count;
        for (var type = 0; type < ConnectionCounts.ConnectionTypes.Count; type++)
        {
            for (var zone = 0; zone < zones; zone++)
            {
                var index = type * zones + zone;
                var count = counts.ByTypeAndZone(type, zone);
                if (count != 0)
                {
                    Volatile.Write(ref _typeAndZoneSeen[index], 1);
                }
                else if (Volatile.Read(ref _typeAndZoneSeen[index]) == 0)
                {
                    continue;
                }

                PrometheusTextWriter.Sample(output, _connectionsByTypeAndZone[index], (long)count);
            }
        }
    }

    private void WriteBans(IBufferWriter<byte> output, IReadOnlyList<BanSnapshot> bans)
    {
        output.Write(_bansFamily);
        PrometheusTextWriter.Sample(output, _bans, (long)bans.Count);

        var bySource = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var ban in bans)
        {
            bySource[ban.Source] = bySource.GetValueOrDefault(ban.Source) + 1;
            _banSources.GetOrAdd(ban.Source, _banSourceSeries);
        }

        output.Write(_bansBySourceFamily);
        foreach (var (source, series) in _banSources)
        {
            PrometheusTextWriter.Sample(output, series, bySource.GetValueOrDefault(source));
        }
    }

    private void WriteTraffic(IBufferWriter<byte> output, CommandTraffic traffic)
    {
        output.Write(_messagesFamily);
        for (var i = 0; i < TrafficCommands.Count; i++)
        {
            PrometheusTextWriter.Sample(output, _messagesIn[i], traffic.MessagesReceived[i]);
            PrometheusTextWriter.Sample(output, _messagesOut[i], traffic.MessagesSent[i]);
        }

        output.Write(_bytesFamily);
        for (var i = 0; i < TrafficCommands.Count; i++)
        {
            PrometheusTextWriter.Sample(output, _bytesIn[i], traffic.BytesReceived[i]);
            PrometheusTextWriter.Sample(output, _bytesOut[i], traffic.BytesSent[i]);
        }
    }
}
