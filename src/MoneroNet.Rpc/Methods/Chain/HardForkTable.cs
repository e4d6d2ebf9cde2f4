using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Chain;

/// <summary>
/// The hard-fork schedule of each network as monerod 0.18 knows it (version, first height, and the time the fork was
/// finalised, which drives the fork "state"). Every 0.18 fork has a voting threshold of 0. Regtest ("fakechain") runs
/// version 1 for the genesis block and the newest version from height 1 on.
/// </summary>
internal static class HardForkTable
{
    internal readonly record struct Fork(byte Version, ulong Height, long FinalisedUnixSeconds);

    private static readonly Fork[] Mainnet =
    [
        new(1, 1, 1341378000), new(2, 1009827, 1442763710), new(3, 1141317, 1458558528), new(4, 1220516, 1483574400),
        new(5, 1288616, 1489520158), new(6, 1400000, 1503046577), new(7, 1546000, 1521303150), new(8, 1685555, 1535889547),
        new(9, 1686275, 1535889548), new(10, 1788000, 1549792439), new(11, 1788720, 1550225678), new(12, 1978433, 1571419280),
        new(13, 2210000, 1598180817), new(14, 2210720, 1598180818), new(15, 2688888, 1656629117), new(16, 2689608, 1656629118),
    ];

    private static readonly Fork[] Testnet =
    [
        new(1, 1, 1341378000), new(2, 624634, 1445355000), new(3, 800500, 1472415034), new(4, 801219, 1472415035),
        new(5, 802660, 1472415036 + (86400 * 180)), new(6, 971400, 1501709789), new(7, 1057027, 1512211236),
        new(8, 1057058, 1533211200), new(9, 1057778, 1533297600), new(10, 1154318, 1550153694), new(11, 1155038, 1550225678),
        new(12, 1308737, 1569582000), new(13, 1543939, 1599069376), new(14, 1544659, 1599069377), new(15, 1982800, 1652727000),
        new(16, 1983520, 1652813400),
    ];

    private static readonly Fork[] Stagenet =
    [
        new(1, 1, 1341378000), new(2, 32000, 1521000000), new(3, 33000, 1521120000), new(4, 34000, 1521240000),
        new(5, 35000, 1521360000), new(6, 36000, 1521480000), new(7, 37000, 1521600000), new(8, 176456, 1537821770),
        new(9, 177176, 1537821771), new(10, 269000, 1550153694), new(11, 269720, 1550225678), new(12, 454721, 1571419280),
        new(13, 675405, 1598180817), new(14, 676125, 1598180818), new(15, 1151000, 1656629117), new(16, 1151720, 1656629118),
    ];

    // monerod gives the regtest forks the times 1 and 2 (their index + 1): long past, so the state is "likely forked".
    private static readonly Fork[] Fakechain = [new(1, 0, 1), new(16, 1, 2)];

    public static IReadOnlyList<Fork> For(NodeNetwork network) => network switch
    {
        NodeNetwork.Mainnet => Mainnet,
        NodeNetwork.Testnet => Testnet,
        NodeNetwork.Stagenet => Stagenet,
        NodeNetwork.Fakechain => Fakechain,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };
}
