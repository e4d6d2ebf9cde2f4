using System.Net;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Maintenance;

/// <summary>
/// monerod 0.18.0.0's hard-coded IP seed nodes (net_node.inl, get_ip_seed_nodes), dialled only when no white peer is
/// known and <see cref="P2POptions.UseSeedNodes"/> is on. monerod first tries DNS seeds on mainnet; we have no DNS
/// seeding and use these lists directly. Regtest (fakechain) has none.
/// </summary>
internal static class SeedNodes
{
    private static readonly string[] Mainnet =
    [
        "212.83.175.67", "212.83.172.165", "176.9.0.187", "88.198.163.90", "95.217.25.101",
        "136.244.105.131", "104.238.221.81", "66.85.74.134", "88.99.173.38", "51.79.173.165",
    ];
    private static readonly string[] Testnet = ["212.83.175.67", "212.83.172.165", "176.9.0.187", "88.99.173.38", "51.79.173.165"];
    private static readonly string[] Stagenet = ["162.210.173.150", "176.9.0.187", "88.99.173.38", "51.79.173.165"];

    public static IReadOnlyList<IPEndPoint> For(NetworkType network) => network switch
    {
        NetworkType.Mainnet => EndPoints(Mainnet, 18080),
        NetworkType.Testnet => EndPoints(Testnet, 28080),
        NetworkType.Stagenet => EndPoints(Stagenet, 38080),
        _ => [],
    };

    private static IPEndPoint[] EndPoints(string[] hosts, int port) =>
        [.. hosts.Select(h => new IPEndPoint(IPAddress.Parse(h), port))];
}
