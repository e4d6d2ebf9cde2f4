using MoneroNet.Wire;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// monerod 0.18's built-in seed nodes of the anonymity zones (net_node.inl, get_seed_nodes(zone); the list of
/// v0.18.4.3 to v0.18.5.1, the newest 0.18): mainnet only, testnet and stagenet have none, as in monerod. They are
/// dialled only through the zone's --tx-proxy and only when monerod would (docs/PROTOCOL.md §3.9, "Zone seeds").
/// </summary>
/// <remarks>
/// From v0.18.3.4 monerod's I2P addresses carry no port (it always says 1), and its I2P seeds are written without
/// one; monerod 0.18.0.0 (the one these tests run against) still gives an I2P address a port, its default being the
/// network's P2P port. We keep 0.18.0.0's port-bearing form, so the I2P seeds get 18080, the port every 0.18 list up to
/// v0.18.3.3 wrote beside them.
/// </remarks>
internal static class ZoneSeedNodes
{
    private const ushort TorPort = 18083;
    private const ushort I2pPort = 18080;

    private static readonly string[] MainnetTor =
    [
        "zbjkbsxc5munw3qusl7j2hpcmikhqocdf4pqhnhtpzw5nt5jrmofptid.onion",
        "plowsof3t5hogddwabaeiyrno25efmzfxyro2vligremt7sxpsclfaid.onion",
        "plowsoffjexmxalw73tkjmf422gq6575fc7vicuu4javzn2ynnte6tyd.onion",
        "plowsofe6cleftfmk2raiw5h2x66atrik3nja4bfd3zrfa2hdlgworad.onion",
        "aclc4e2jhhtr44guufbnwk5bzwhaecinax4yip4wr4tjn27sjsfg6zqd.onion",
        "lykcas4tus7mkm4bhsgqe4drtd4awi7gja24goscc47xfgzj54yofyqd.onion",
    ];

    private static readonly string[] MainnetI2p =
    [
        "uqj3aphckqtjsitz7kxx5flqpwjlq5ppr3chazfued7xucv3nheq.b32.i2p",
        "vdmnehdjkpkg57nthgnjfuaqgku673r5bpbqg56ix6fyqoywgqrq.b32.i2p",
        "ugnlcdciyhghh2zert7c3kl4biwkirc43ke33jiy5slnd3mv2trq.b32.i2p",
    ];

    /// <summary>The seeds of <paramref name="zone"/> on <paramref name="network"/> (empty but on mainnet's Tor and I2P).</summary>
    public static IReadOnlyList<NetworkAddress> For(NetworkZone zone, NetworkType network) => (zone, network) switch
    {
        (NetworkZone.Tor, NetworkType.Mainnet) => [.. MainnetTor.Select(h => NetworkAddress.Tor(h, TorPort))],
        (NetworkZone.I2p, NetworkType.Mainnet) => [.. MainnetI2p.Select(h => NetworkAddress.I2p(h, I2pPort))],
        _ => [],
    };
}
