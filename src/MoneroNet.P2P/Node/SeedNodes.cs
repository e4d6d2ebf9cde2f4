using System.Net;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Node;

/// <summary>
/// monerod's hard-coded IP seed nodes (net_node.inl, get_ip_seed_nodes), dialled only when no white peer is known
/// and <see cref="P2POptions.UseSeedNodes"/> is on. monerod first tries DNS seeds on mainnet; we have no DNS seeding
/// and use these lists directly. Regtest has none.
/// </summary>
internal static class SeedNodes
{
    private static readonly string[] SeedHosts = ["176.9.0.187", "192.99.8.110", "37.187.74.171", "88.99.195.15", "5.104.84.64"];
    private const string MainnetOnlyHost = "88.198.163.90";

    public static IReadOnlyList<IPEndPoint> For(NetworkType network) => network switch
    {
        NetworkType.Mainnet => [.. SeedHosts.Append(MainnetOnlyHost).Select(h => new IPEndPoint(IPAddress.Parse(h), 18080))],
        NetworkType.Testnet => [.. SeedHosts.Select(h => new IPEndPoint(IPAddress.Parse(h), 28080))],
        NetworkType.Stagenet => [.. SeedHosts.Select(h => new IPEndPoint(IPAddress.Parse(h), 38080))],
        _ => [],
    };
}
