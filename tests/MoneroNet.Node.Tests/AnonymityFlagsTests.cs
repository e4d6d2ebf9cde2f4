using System.Net;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Hosting;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.Node.Tests;

/// <summary>--tx-proxy, --anonymous-inbound and anonymity peers in --add-*: monerod 0.18's syntax, defaults and start-up checks.</summary>
public sealed class AnonymityFlagsTests
{
    private const string Onion = "zpadmjkvyyjdfxqr7bznhwtk6zgdiltudkzmbpcx3d2ja3vfrdkcvzqd.onion";
    private const string I2p = "udhdrtrcetjm5sxzskjyr5ztpeszydbh4dpl3pl4utgqqw2v4jna.b32.i2p";

    [Theory]
    [InlineData("tor,127.0.0.1:9050", NetworkZone.Tor, "127.0.0.1:9050", 12, true)]
    [InlineData("tor,127.0.0.1:9050,100", NetworkZone.Tor, "127.0.0.1:9050", 100, true)]
    [InlineData("tor,127.0.0.1:9050,disable_noise", NetworkZone.Tor, "127.0.0.1:9050", 12, false)]
    [InlineData("tor,127.0.0.1:9050,100,disable_noise", NetworkZone.Tor, "127.0.0.1:9050", 100, false)]
    [InlineData("i2p,127.0.0.1:4447,disable_noise,7", NetworkZone.I2p, "127.0.0.1:4447", 7, false)]
    public void Tx_proxy_takes_monerod_syntax_and_defaults(string text, NetworkZone zone, string proxy, long max, bool noise)
    {
        var options = NodeCommandLine.Parse(["--tx-proxy", text]).Options!;
        var p = Assert.Single(options.TxProxies);
        Assert.Equal(new TxProxy(zone, IPEndPoint.Parse(proxy), max, noise), p);
    }

    [Theory]
    [InlineData("tor", "No ipv4:port given for --tx-proxy")]
    [InlineData(",127.0.0.1:9050", "No network type for --tx-proxy")]
    [InlineData("tor,127.0.0.1:9050,1,disable_noise,2", "Too many ',' characters given to --tx-proxy")]
    [InlineData("tor,127.0.0.1:9050,0", "Invalid max connections given to --tx-proxy")]
    [InlineData("tor,127.0.0.1:9050,-1", "Invalid max connections given to --tx-proxy")]
    [InlineData("public,127.0.0.1:9050", "Invalid network for --tx-proxy")]
    [InlineData("tor,127.0.0.1", "Invalid ipv4:port given for --tx-proxy")]
    [InlineData("tor,127.0.0.1:0", "Invalid ipv4:port given for --tx-proxy")]
    [InlineData("tor,localhost:9050", "Invalid ipv4:port given for --tx-proxy")]
    [InlineData("tor,[::1]:9050", "Invalid ipv4:port given for --tx-proxy")]
    public void Bad_tx_proxy_values_fail_with_monerods_message(string text, string message)
    {
        var result = NodeCommandLine.Parse(["--tx-proxy", text]);
        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal("Failed to parse arguments: " + message, result.Error);
    }

    [Fact]
    public void Anonymous_inbound_takes_our_address_bind_and_limit()
    {
        var options = NodeCommandLine.Parse(["--tx-proxy", "tor,127.0.0.1:9050", "--anonymous-inbound", $"{Onion},127.0.0.1:18083,25",
            "--tx-proxy", "i2p,127.0.0.1:4447", "--anonymous-inbound", $"{I2p},127.0.0.1:18084"]).Options!;
        Assert.Equal(2, options.AnonymousInbounds.Count);
        var tor = options.AnonymousInbounds[0];
        Assert.Equal(NetworkAddress.Tor(Onion, 0), tor.OurAddress);
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:18083"), tor.Bind);
        Assert.Equal(25, tor.MaxConnections);
        Assert.Equal(NetworkZone.Tor, tor.Zone);
        var i2p = options.AnonymousInbounds[1];
        Assert.Equal(NetworkZone.I2p, i2p.Zone);
        Assert.Equal(uint.MaxValue, i2p.MaxConnections); // monerod's default: no limit
        Assert.Equal("<unknown i2p host>", i2p.DefaultRemote.ToString());
    }

    [Theory]
    [InlineData("x.onion,127.0.0.1:18083", "Invalid inbound address (x.onion) for --anonymous-inbound")]
    [InlineData("example.com,127.0.0.1:18083", "Invalid inbound address (example.com) for --anonymous-inbound")]
    [InlineData(Onion + ",18083", "No local port given for --anonymous-inbound")]
    [InlineData(Onion, "No local ipv4:port given for --anonymous-inbound")]
    [InlineData(Onion + ",127.0.0.1:18083,0", "Invalid max connections given to --anonymous-inbound")]
    public void Bad_anonymous_inbound_values_fail(string text, string message)
    {
        var result = NodeCommandLine.Parse(["--tx-proxy", "tor,127.0.0.1:9050", "--anonymous-inbound", text]);
        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal("Failed to parse arguments: " + message, result.Error);
    }

    [Theory]
    [InlineData(new[] { "--anonymous-inbound", Onion + ",127.0.0.1:18083" },
        "Listed --anonymous-inbound without listing any --tx-proxy. The latter is necessary for sending local txes over anonymity networks")]
    [InlineData(new[] { "--tx-proxy", "tor,127.0.0.1:9050", "--tx-proxy", "tor,127.0.0.1:9051" }, "Listed --tx-proxy twice with tor")]
    [InlineData(new[] { "--tx-proxy", "tor,127.0.0.1:9050", "--anonymous-inbound", Onion + ",127.0.0.1:1", "--anonymous-inbound", Onion + ",127.0.0.1:2" },
        "Listed --anonymous-inbound twice with tor network")]
    [InlineData(new[] { "--add-peer", Onion + ":18083" }, "Set outgoing peer for tor but did not set --tx-proxy")]
    [InlineData(new[] { "--tx-proxy", "tor,127.0.0.1:9050", "--add-exclusive-node", I2p }, "Set outgoing peer for i2p but did not set --tx-proxy")]
    public void Monerods_start_up_checks_refuse_inconsistent_zones(string[] args, string message)
    {
        var result = NodeCommandLine.Parse(args);
        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal("Failed to parse arguments: " + message, result.Error);
    }

    [Fact]
    public void Anonymity_peers_go_to_their_zone_and_are_never_resolved()
    {
        var options = NodeCommandLine.Parse(["--testnet", "--tx-proxy", "tor,127.0.0.1:9050", "--tx-proxy", "i2p,127.0.0.1:4447",
            "--add-exclusive-node", $"{Onion}:18083", "--add-priority-node", I2p, "--add-peer", "127.0.0.1:28080", "--add-peer", $"{Onion}"]).Options!;
        Assert.Equal(NetworkAddress.Tor(Onion, 18083), Assert.Single(options.ExclusiveNodes).Anonymity);
        // No port: the network's P2P port, as for any host.
        Assert.Equal(NetworkAddress.I2p(I2p, 28080), Assert.Single(options.PriorityNodes).Anonymity);

        var p2p = P2POptionsFactory.Create(options);
        Assert.Equal([NetworkAddress.Tor(Onion, 18083)], p2p.AnonymousExclusiveNodes);
        Assert.Equal([NetworkAddress.I2p(I2p, 28080)], p2p.AnonymousPriorityNodes);
        Assert.Equal([NetworkAddress.Tor(Onion, 28080)], p2p.AnonymousAddPeers);
        Assert.Empty(p2p.ExclusiveNodes);
        Assert.Empty(p2p.PriorityNodes);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:28080")], p2p.AddPeers);
        Assert.Equal(2, p2p.TxProxies.Count);
    }

    [Fact]
    public void Proxy_sends_the_public_zone_through_socks_and_refuses_host_names_without_a_look_up_unless_dns_leaks_are_allowed()
    {
        var options = NodeCommandLine.Parse(["--proxy", "127.0.0.1:9050", "--add-peer", "node.example.org:18080", "--add-peer", "127.0.0.1:18081",
            "--add-priority-node", "other.example.org", "--seed-node", "seed.example.org:18080"]).Options!;
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:9050"), options.Proxy);
        Assert.False(options.ProxyAllowDnsLeaks);
        var lookUps = new List<string>();
        IPAddress[] Resolve(string host)
        {
            lookUps.Add(host);
            return [IPAddress.Parse("192.0.2.1")];
        }
        using var log = new AsnMapFlagTests.CapturingLoggerFactory();
        var p2p = P2POptionsFactory.Create(options, log.CreateLogger("node"), Resolve);
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:9050"), p2p.PublicProxy);
        // A look-up here would leak the names outside the proxy: none is made, each name is one warning line, and
        // the literal stays.
        Assert.Empty(lookUps);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:18081")], p2p.AddPeers);
        Assert.Empty(p2p.PriorityNodes);
        Assert.Empty(p2p.SeedNodes);
        var refused = log.Entries.Where(e => e.EventId == 4480).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, e => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, e.Level));
        Assert.Contains(refused, e => e.Message.StartsWith("--add-peer node.example.org:", StringComparison.Ordinal));
        Assert.Contains(refused, e => e.Message.StartsWith("--add-priority-node other.example.org:", StringComparison.Ordinal));

        // --proxy-allow-dns-leaks: as monerod, the name is resolved here once.
        var leaky = P2POptionsFactory.Create(NodeCommandLine.Parse(["--proxy", "127.0.0.1:9050", "--proxy-allow-dns-leaks",
            "--add-peer", "node.example.org:18080"]).Options!, resolve: Resolve);
        Assert.Equal(["node.example.org"], lookUps);
        Assert.Equal([IPEndPoint.Parse("192.0.2.1:18080")], leaky.AddPeers);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost:9050")]
    [InlineData("127.0.0.1:0")]
    public void A_bad_proxy_fails(string text)
    {
        var result = NodeCommandLine.Parse(["--proxy", text]);
        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal($"Failed to parse arguments: Failed to parse proxy: {text}", result.Error);
    }
}
