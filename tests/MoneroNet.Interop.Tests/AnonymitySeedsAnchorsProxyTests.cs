using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.TestSupport;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The rest of monerod 0.18's proxy behaviour, offline through the loopback SOCKS fixture: a Tor zone that knows no
/// peer asks for monerod's built-in Tor seeds (the fixture refuses them: nothing leaves the machine), a restarted node
/// dials its Tor anchor first, and --proxy carries the public zone to a real monerod by IP.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class AnonymitySeedsAnchorsProxyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private const string MonerodOnion = "zpadmjkvyyjdfxqr7bznhwtk6zgdiltudkzmbpcx3d2ja3vfrdkcvzqd.onion";
    private const int HiddenServicePort = 18083;

    // monerod 0.18's mainnet Tor seeds (net_node.inl, get_seed_nodes; the newest 0.18 list).
    private static readonly string[] MainnetTorSeeds =
    [
        "zbjkbsxc5munw3qusl7j2hpcmikhqocdf4pqhnhtpzw5nt5jrmofptid.onion", "plowsof3t5hogddwabaeiyrno25efmzfxyro2vligremt7sxpsclfaid.onion",
        "plowsoffjexmxalw73tkjmf422gq6575fc7vicuu4javzn2ynnte6tyd.onion", "plowsofe6cleftfmk2raiw5h2x66atrik3nja4bfd3zrfa2hdlgworad.onion",
        "aclc4e2jhhtr44guufbnwk5bzwhaecinax4yip4wr4tjn27sjsfg6zqd.onion", "lykcas4tus7mkm4bhsgqe4drtd4awi7gja24goscc47xfgzj54yofyqd.onion",
    ];

    // ... and its I2P seeds, which the newest 0.18 writes without a port; we give them 18080 as 0.18.0.0 does.
    private static readonly string[] MainnetI2pSeeds =
    [
        "uqj3aphckqtjsitz7kxx5flqpwjlq5ppr3chazfued7xucv3nheq.b32.i2p", "vdmnehdjkpkg57nthgnjfuaqgku673r5bpbqg56ix6fyqoywgqrq.b32.i2p",
        "ugnlcdciyhghh2zert7c3kl4biwkirc43ke33jiy5slnd3mv2trq.b32.i2p",
    ];

    [Theory]
    [InlineData("tor", 18083)]
    [InlineData("i2p", 18080)]
    public Task A_zone_without_peers_asks_its_proxy_for_monerods_seeds_one_after_another(string zone, int seedPort) =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            await using var proxy = new SocksProxyFixture();
            // Mainnet, no exclusive node: every dial goes to the fixture (--proxy for the public zone, which has
            // --out-peers 0 anyway, and --tx-proxy for the zone); the fixture maps nothing and so refuses every seed.
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                Network = DaemonNetwork.Mainnet,
                WithoutExclusiveNodes = true,
                Anonymity = new AnonymityOptions { PublicProxy = proxy.EndPoint, TxProxies = [new TxProxyFlag(zone, proxy.EndPoint)] },
            });
            var seeds = zone == "tor" ? MainnetTorSeeds : MainnetI2pSeeds;

            var asked = await Eventually.MatchAsync(_ => Task.FromResult(proxy.Requests),
                rs => rs.Select(r => r.Host).Distinct().Count() >= seeds.Length, TimeSpan.FromSeconds(60),
                $"the fixture was asked for every {zone} seed", group.Token, interval: TimeSpan.FromMilliseconds(200),
                describe: rs => string.Join(", ", rs.Select(r => $"{r.Kind} {r.Host}:{r.Port}")));
            // Only the seeds, each by name over SOCKS5 at the seed's port; no IP request at all (no look-up, no public dial).
            Assert.All(asked, r =>
            {
                Assert.Equal(SocksTargetKind.DomainName, r.Kind);
                Assert.Equal(5, r.Version);
                Assert.Contains(r.Host, seeds);
                Assert.Equal(seedPort, r.Port);
                Assert.False(r.Mapped);
            });
            Assert.Equal(seeds.ToHashSet(), asked.Select(r => r.Host).ToHashSet());
            // One seed at a time, as monerod's connect_to_seed: every seed was asked once before any came again.
            Assert.Equal(seeds.Length, asked.Take(seeds.Length).Select(r => r.Host).Distinct().Count());
            Assert.Empty(await node.Rpc.GetConnectionsAsync(group.Token));
            Assert.True(node.Log.Contains("SOCKS"), "a refused seed is a logged SOCKS failure");
        });

    [Fact]
    public Task After_a_restart_the_tor_zones_first_dial_is_its_anchor() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            await using var proxy = new SocksProxyFixture();
            using var inbound = PortAllocator.Lease();
            string dataDir = Directory.CreateTempSubdirectory("moneronet-interop-anchor-").FullName;
            try
            {
                var monerod = await group.StartMonerodAsync(new MonerodOptions
                {
                    Anonymity = new AnonymityOptions
                    {
                        TxProxies = [new TxProxyFlag("tor", proxy.EndPoint, 4)],
                        Inbounds = [new AnonymousInboundFlag(MonerodOnion, new IPEndPoint(IPAddress.Loopback, inbound.Port), 10)],
                    },
                });
                proxy.Map(MonerodOnion, new IPEndPoint(IPAddress.Loopback, inbound.Port));
                MoneroNetOptions Options(IReadOnlyList<string> addPeers) => new()
                {
                    DataDir = dataDir,
                    WithoutExclusiveNodes = true,
                    Anonymity = new AnonymityOptions
                    {
                        PublicProxy = proxy.EndPoint,
                        TxProxies = [new TxProxyFlag("tor", proxy.EndPoint)],
                        AddPeers = addPeers,
                    },
                };

                // First run: monerod's hidden service is an --add-peer; its handshake makes it the zone's anchor.
                var first = await group.StartMoneroNetAsync(Options([$"{MonerodOnion}:{HiddenServicePort}"]));
                await Eventually.MatchAsync(first.Rpc.GetConnectionsAsync, cs => cs.Any(c => c.AddressType == 4 && c.State == "normal"),
                    TimeSpan.FromSeconds(40), "the first run holds the Tor connection", group.Token);
                Assert.NotNull(await first.StopAsync(TimeSpan.FromSeconds(30)));

                // The saved Tor lists keep the anchor; beside it the white list gets twenty peers nobody runs, so that a
                // node choosing from its white list would rarely start with the anchor.
                // monerod 0.18 (and so MoneroNet) keeps a testnet node's files under <data-dir>/testnet.
                string torFile = Path.Combine(dataDir, "testnet", "p2pstate.moneronet.tor.json");
                var doc = JsonNode.Parse(await File.ReadAllTextAsync(torFile, group.Token))!;
                var anchors = doc["anchor"]!.AsArray();
                Assert.Equal($"{MonerodOnion}", Assert.Single(anchors)!["host"]!.GetValue<string>());
                var white = doc["white"]!.AsArray();
                for (int i = 0; i < 20; i++)
                {
                    white.Add(new JsonObject
                    {
                        ["host"] = string.Concat(Enumerable.Repeat("ab", 27)) + "a" + (char)('a' + i) + ".onion",
                        ["port"] = HiddenServicePort, ["peer_id"] = 1, ["last_seen"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                        ["pruning_seed"] = 0, ["rpc_port"] = 0, ["rpc_credits_per_hash"] = 0,
                    });
                }
                await File.WriteAllTextAsync(torFile, doc.ToJsonString(), group.Token);
                int before = proxy.Requests.Count;

                // Second run, same data dir, no --add-peer: the anchor is dialled first, alone.
                var second = await group.StartMoneroNetAsync(Options([]));
                var ours = await Eventually.MatchAsync(second.Rpc.GetConnectionsAsync,
                    cs => cs.Any(c => c.AddressType == 4 && c.State == "normal"), TimeSpan.FromSeconds(40),
                    "the restarted node holds the Tor connection", group.Token);
                var firstDial = proxy.Requests.Skip(before).First(r => r.Kind == SocksTargetKind.DomainName);
                Assert.Equal(MonerodOnion, firstDial.Host);
                Assert.Equal(HiddenServicePort, firstDial.Port);

                // As monerod lists its own outgoing Tor connection: the dialled name, ip and port empty, peer id 1.
                var mine = ours.Single(c => c.AddressType == 4);
                Assert.False(mine.Incoming);
                Assert.Equal($"{MonerodOnion}:{HiddenServicePort}", mine.Address);
                Assert.Equal(MonerodOnion, mine.Host);
                Assert.Equal("", mine.Ip);
                Assert.Equal("", mine.Port);
                Assert.Equal("0000000000000001", mine.PeerId);
                var extended = await second.Rpc.CallAsync<JsonElement>("get_connections", new { extended = true }, group.Token);
                var fact = extended.GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("address_type").GetInt32() == 4);
                Assert.Equal("anchor", fact.GetProperty("connection_type").GetString());

                var theirs = await Eventually.MatchAsync(monerod.Rpc.GetConnectionsAsync,
                    cs => cs.Count(c => c.AddressType == 4 && c.State == "normal") == 1, TimeSpan.FromSeconds(20),
                    "monerod lists the restarted node's Tor connection", group.Token);
                var its = theirs.Single(c => c.AddressType == 4);
                Assert.True(its.Incoming);
                Assert.Equal("<unknown tor host>", its.Address);
            }
            finally
            {
                TempDirectory.DeleteQuietly(dataDir);
            }
        });

    [Fact]
    public Task Proxy_carries_the_public_zone_to_real_monerod_by_ip_and_leaves_host_names_unresolved() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            await using var proxy = new SocksProxyFixture { RelayLoopbackIps = true };
            using var closed = PortAllocator.Lease();
            var monerod = await group.StartMonerodAsync(new MonerodOptions());
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                ExclusiveNodes = [monerod.P2PEndPoint],
                Anonymity = new AnonymityOptions { PublicProxy = proxy.EndPoint, HostNamePeers = [$"localhost:{closed.Port}"] },
            });

            var ours = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.State == "normal" && !c.Incoming), TimeSpan.FromSeconds(40),
                "MoneroNet holds a connection to monerod through the proxy", group.Token);
            // As monerod lists a connection it made through --proxy: the peer's own address, not the proxy's.
            var mine = ours.Single(c => !c.Incoming);
            Assert.Equal(monerod.P2PEndPoint.ToString(), mine.Address);
            Assert.Equal(1, mine.AddressType);
            Assert.Equal("127.0.0.1", mine.Ip);
            Assert.Equal(monerod.P2PPort.ToString(System.Globalization.CultureInfo.InvariantCulture), mine.Port);

            var theirs = await Eventually.MatchAsync(monerod.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.State == "normal" && c.Incoming), TimeSpan.FromSeconds(20),
                "monerod lists the proxied connection", group.Token);
            var its = theirs.Single(c => c.Incoming);
            Assert.Equal(1, its.AddressType);
            Assert.Equal("127.0.0.1", its.Ip);

            // The fixture saw IPv4 CONNECTs to monerod's port only: no name, and nothing for the host-name peer,
            // which was refused without a look-up (with --proxy, a look-up would leak it outside the proxy).
            Assert.NotEmpty(proxy.Requests);
            Assert.All(proxy.Requests, r =>
            {
                Assert.Equal(SocksTargetKind.IPv4, r.Kind);
                Assert.Equal(5, r.Version);
                Assert.Equal("127.0.0.1", r.Host);
                Assert.Equal(monerod.P2PPort, r.Port);
            });
            Assert.True(node.Log.Contains("--add-peer localhost: not resolved"), "the host-name peer is refused with a warning");
        });

    [Fact]
    public Task Proxy_allow_dns_leaks_without_proxy_is_monerods_warning() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExtraArguments = ["--proxy-allow-dns-leaks"] });
            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.Contains("--proxy-allow-dns-leaks is enabled, but --proxy is not specified.")),
                seen => seen, TimeSpan.FromSeconds(10), "the warning monerod's daemon core logs", group.Token);
        });
}
