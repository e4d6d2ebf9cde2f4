namespace MoneroNet.LoadTest;

/// <summary>
/// The command line of a monerod under load. It carries every flag the project requires of any monerod it starts
/// (testnet, loopback binds, no UPnP, no update or DNS-checkpoint look-ups, no ZMQ, non-interactive, plain-HTTP RPC,
/// and an exclusive node on a closed loopback port so it dials nobody), in the order of the shared start script, plus
/// what a many-peers run needs: one connection per source IP (as the fleet uses), and an incoming limit above N.
/// </summary>
public static class MonerodCommandLine
{
    /// <summary>The one exclusive node: a closed port, so monerod never turns to its seed nodes.</summary>
    public const string ClosedExclusiveNode = "127.0.0.1:1";

    // Flags set here that extra arguments may not repeat or override.
    private static readonly string[] Fixed =
    [
        "--testnet", "--stagenet", "--regtest", "--p2p-bind-ip", "--p2p-bind-port", "--rpc-bind-ip", "--rpc-bind-port",
        "--no-igd", "--igd", "--check-updates", "--disable-dns-checkpoints", "--enforce-dns-checkpointing", "--no-zmq",
        "--zmq-rpc-bind-ip", "--zmq-pub", "--non-interactive", "--max-connections-per-ip", "--rpc-ssl",
        "--add-exclusive-node", "--add-peer", "--add-priority-node", "--seed-node", "--data-dir", "--in-peers",
        "--p2p-use-ipv6", "--p2p-bind-ipv6-address", "--rpc-use-ipv6", "--rpc-bind-ipv6-address", "--proxy", "--tx-proxy",
        "--anonymous-inbound", "--bootstrap-daemon-address", "--rpc-restricted-bind-ip",
    ];

    public static IReadOnlyList<string> Arguments(int p2pPort, int rpcPort, string dataDir, int maxConnectionsPerIp, int inPeers,
        IReadOnlyList<string> extraArguments)
    {
        foreach (string extra in extraArguments)
        {
            if (Fixed.Contains(extra.Split('=', 2)[0], StringComparer.Ordinal))
                throw new ArgumentException($"monerod argument {extra} is fixed by the load test or not allowed");
        }
        return
        [
            "--testnet",
            "--p2p-bind-ip", "127.0.0.1", "--p2p-bind-port", p2pPort.ToString(),
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", rpcPort.ToString(),
            "--no-igd", "--check-updates", "disabled", "--disable-dns-checkpoints", "--no-zmq", "--non-interactive",
            "--max-connections-per-ip", maxConnectionsPerIp.ToString(), "--rpc-ssl", "disabled",
            "--add-exclusive-node", ClosedExclusiveNode,
            "--data-dir", dataDir,
            // monerod's default (-1) is already unlimited; stated so a changed default cannot cap the run.
            "--in-peers", inPeers.ToString(),
            .. extraArguments,
        ];
    }
}
