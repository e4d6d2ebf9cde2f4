namespace MoneroNet.LoadTest.Compare;

/// <summary>
/// The bench's own nodes: monerod from <c>--monerod</c> with <see cref="MonerodCommandLine"/>'s flags, and MoneroNet
/// from <c>--node-dll</c>; both on testnet, loopback, a fresh temporary data directory, log level 0, one connection
/// per IP, and an incoming limit a little above the run's peers (the same for both).
/// </summary>
public sealed class ProcessCompareNodes(CompareOptions options) : ICompareNodes
{
    public Task<NodeProcess> StartAsync(NodeKind kind, int peers, CancellationToken ct)
    {
        string inPeers = (peers + 64).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var node = kind == NodeKind.Monerod
            ? NodeProcess.StartMonerod(options.Monerod, maxConnectionsPerIp: 1, peers + 64, ["--log-level", "0"])
            : NodeProcess.Start(options.ResolveNodeDll(), maxConnectionsPerIp: 1, ["--log-level", "0", "--in-peers", inPeers]);
        return Task.FromResult(node);
    }
}
