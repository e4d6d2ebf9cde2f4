using MoneroNet.Rpc.Node;
using Prometheus;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// The node's P2P metric families, read from <see cref="INodeQuery"/> snapshots when a scrape collects (a registry
/// callback), never pushed per message. Names follow monero-exporter where they overlap (<c>monero_p2p_connections</c>,
/// <c>monero_net_rx_bytes</c>, <c>monero_net_tx_bytes</c>, <c>monero_peerlist</c>, <c>monero_bans</c>) and are
/// <c>moneronet_*</c> otherwise. Every label value comes from a fixed list or from the node's own bounded vocabularies
/// (close reasons, handshake results, ban sources), never from a peer's address or id. README "Metrics" lists them all.
/// </summary>
public sealed class NodeMetrics
{
    private readonly INodeQuery _node;

    private readonly Gauge.Child[] _connectionsByDirectionAndState;
    private readonly Gauge _connectionsByType;
    private readonly Gauge.Child?[] _connectionsByTypeAndZone;
    private readonly Gauge _rxBytes;
    private readonly Gauge _txBytes;
    private readonly Gauge.Child _whitePeers;
    private readonly Gauge.Child _grayPeers;
    private readonly Gauge _bans;
    private readonly Gauge _bansBySource;
    private readonly Dictionary<string, Gauge.Child> _banSourceChildren = new(StringComparer.Ordinal);
    private readonly Counter.Child[] _messagesIn;
    private readonly Counter.Child[] _messagesOut;
    private readonly Counter.Child[] _bytesIn;
    private readonly Counter.Child[] _bytesOut;
    private readonly Counter _handshakes;
    private readonly Counter _closes;
    private readonly Gauge _suspectedProxies;
    private readonly Gauge _suspectedProxyAddresses;
    private readonly object _collectLock = new();
    private volatile RttHistogramSnapshot _lastRtt = new() { UpperBoundsMs = [], Counts = [0], SampleCount = 0, SumMs = 0 };

    public NodeMetrics(CollectorRegistry registry, INodeQuery node)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _node = node ?? throw new ArgumentNullException(nameof(node));
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);

        var connections = factory.CreateGauge(
            "monero_p2p_connections", "Open P2P connections of every zone, by direction (in, out) and monerod state (as get_connections lists them)",
            "type", "state");
        _connectionsByDirectionAndState = new Gauge.Child[2 * ConnectionCounts.States.Count];
        for (var state = 0; state < ConnectionCounts.States.Count; state++)
        {
            _connectionsByDirectionAndState[state] = connections.WithLabels("in", ConnectionCounts.States[state]);
            _connectionsByDirectionAndState[ConnectionCounts.States.Count + state] = connections.WithLabels("out", ConnectionCounts.States[state]);
        }

        _connectionsByType = factory.CreateGauge(
            "moneronet_p2p_connections", "Open P2P connections by connection type (inbound, outbound, anchor, priority, exclusive, manual, seed, feeler) and zone",
            new GaugeConfiguration { LabelNames = ["connection_type", "zone"], SuppressInitialValue = true });
        _connectionsByTypeAndZone = new Gauge.Child?[ConnectionCounts.ConnectionTypes.Count * ConnectionCounts.Zones.Count];

        _rxBytes = factory.CreateGauge("monero_net_rx_bytes", "Bytes received by P2P sockets since start (get_net_stats total_bytes_in)");
        _txBytes = factory.CreateGauge("monero_net_tx_bytes", "Bytes sent by P2P sockets since start (get_net_stats total_bytes_out)");

        var peerList = factory.CreateGauge("monero_peerlist", "Entries in the white and gray peer lists (public zone)", "type");
        _whitePeers = peerList.WithLabels("white");
        _grayPeers = peerList.WithLabels("gray");

        _bans = factory.CreateGauge("monero_bans", "Bans in force (hosts and subnets)");
        _bansBySource = factory.CreateGauge(
            "moneronet_bans", "Bans in force by source: rpc, ban_list:<file name>, auto:<reason>", "source");

        var messages = factory.CreateCounter(
            "moneronet_p2p_messages_total", "Levin messages by command and direction (in, out), every connection since start, closed ones included",
            "command", "direction");
        var bytes = factory.CreateCounter(
            "moneronet_p2p_bytes_total", "Bytes of Levin messages (header included) by command and direction; other holds unknown commands, noise and fragments",
            "command", "direction");
        _messagesIn = new Counter.Child[TrafficCommands.Count];
        _messagesOut = new Counter.Child[TrafficCommands.Count];
        _bytesIn = new Counter.Child[TrafficCommands.Count];
        _bytesOut = new Counter.Child[TrafficCommands.Count];
        for (var i = 0; i < TrafficCommands.Count; i++)
        {
            var command = TrafficCommands.NameOf((TrafficCommand)i);
            _messagesIn[i] = messages.WithLabels(command, "in");
            _messagesOut[i] = messages.WithLabels(command, "out");
            _bytesIn[i] = bytes.WithLabels(command, "in");
            _bytesOut[i] = bytes.WithLabels(command, "out");
        }

        _handshakes = factory.CreateCounter(
            "moneronet_p2p_handshakes_total", "P2P handshakes by result: ok, timeout, wrong_network, duplicate_peer_id, rejected, failed", "result");
        _closes = factory.CreateCounter("moneronet_p2p_closes_total", "Closed P2P connections by close reason", "reason");
        _suspectedProxies = factory.CreateGauge(
            "moneronet_p2p_suspected_proxies", "Distinct inner peer ids seen behind other peers' handshakes (ping answers with another peer id)");
        _suspectedProxyAddresses = factory.CreateGauge(
            "moneronet_p2p_suspected_proxy_addresses", "Addresses whose ping answers carried another peer id than their handshake");

        registry.AddBeforeCollectCallback(Collect);
    }

    /// <summary>The RTT histogram as the last collect read it (printed by <see cref="RttHistogramExposition"/>).</summary>
    public RttHistogramSnapshot LastRtt => _lastRtt;

    /// <summary>Reads the node and sets every family. Values are set, never added, so two scrapes at once both publish
    /// a true reading; the lock only keeps their label bookkeeping apart (nothing inside waits or calls out but the
    /// node's snapshot methods).</summary>
    private void Collect()
    {
        var counts = _node.GetConnectionCounts();
        var peerLists = _node.GetPeerListSizes();
        var net = _node.GetNetStats();
        var bans = _node.GetBans();
        var stats = _node.GetConnectionStats();
        _lastRtt = stats.Rtt;

        lock (_collectLock)
        {
            SetConnections(counts);
            _rxBytes.Set(net.TotalBytesIn);
            _txBytes.Set(net.TotalBytesOut);
            _whitePeers.Set(peerLists.White);
            _grayPeers.Set(peerLists.Gray);
            SetBans(bans);
            SetTraffic(stats.Traffic);
            foreach (var (result, count) in stats.HandshakesByResult)
            {
                _handshakes.WithLabels(result).IncTo(count);
            }

            foreach (var (reason, count) in stats.ClosesByReason)
            {
                _closes.WithLabels(reason).IncTo(count);
            }

            _suspectedProxies.Set(stats.SuspectedProxies.Count);
            var addresses = 0;
            foreach (var proxy in stats.SuspectedProxies)
            {
                addresses += proxy.Addresses.Count;
            }

            _suspectedProxyAddresses.Set(addresses);
        }
    }

    private void SetConnections(ConnectionCounts counts)
    {
        var states = ConnectionCounts.States.Count;
        for (var state = 0; state < states; state++)
        {
            _connectionsByDirectionAndState[state].Set(counts.ByDirectionAndState(incoming: true, state));
            _connectionsByDirectionAndState[states + state].Set(counts.ByDirectionAndState(incoming: false, state));
        }

        // A (type, zone) series appears with its first connection and then stays, reading 0 when none is left.
        var zones = ConnectionCounts.Zones.Count;
        for (var type = 0; type < ConnectionCounts.ConnectionTypes.Count; type++)
        {
            for (var zone = 0; zone < zones; zone++)
            {
                var count = counts.ByTypeAndZone(type, zone);
                ref var child = ref _connectionsByTypeAndZone[type * zones + zone];
                if (child is null && count == 0)
                {
                    continue;
                }

                child ??= _connectionsByType.WithLabels(ConnectionCounts.ConnectionTypes[type], ConnectionCounts.Zones[zone]);
                child.Set(count);
            }
        }
    }

    private void SetBans(IReadOnlyList<BanSnapshot> bans)
    {
        _bans.Set(bans.Count);
        var bySource = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ban in bans)
        {
            bySource[ban.Source] = bySource.GetValueOrDefault(ban.Source) + 1;
        }

        // A source's series stays once seen and reads 0 when its last ban ends.
        foreach (var (source, child) in _banSourceChildren)
        {
            child.Set(bySource.GetValueOrDefault(source));
        }

        foreach (var (source, count) in bySource)
        {
            if (!_banSourceChildren.ContainsKey(source))
            {
                var child = _bansBySource.WithLabels(source);
                child.Set(count);
                _banSourceChildren.Add(source, child);
            }
        }
    }

    private void SetTraffic(CommandTraffic traffic)
    {
        for (var i = 0; i < TrafficCommands.Count; i++)
        {
            _messagesIn[i].IncTo(traffic.MessagesReceived[i]);
            _messagesOut[i].IncTo(traffic.MessagesSent[i]);
            _bytesIn[i].IncTo(traffic.BytesReceived[i]);
            _bytesOut[i].IncTo(traffic.BytesSent[i]);
        }
    }
}
