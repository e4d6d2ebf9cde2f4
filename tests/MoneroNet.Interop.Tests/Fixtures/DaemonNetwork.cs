namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>Which Monero network a test daemon runs on; each maps to one command-line switch.</summary>
public enum DaemonNetwork
{
    Testnet,
    Stagenet,
    Regtest,
    /// <summary>
    /// MoneroNet only, and only with every dial through the loopback SOCKS fixture (<see cref="AnonymityOptions.PublicProxy"/>
    /// and --tx-proxy): the network whose built-in seeds a test checks are asked of the fixture, never reached.
    /// </summary>
    Mainnet,
}

public static class DaemonNetworkExtensions
{
    public static string Switch(this DaemonNetwork network) => network switch
    {
        DaemonNetwork.Testnet => "--testnet",
        DaemonNetwork.Stagenet => "--stagenet",
        DaemonNetwork.Regtest => "--regtest",
        DaemonNetwork.Mainnet => throw new InvalidOperationException("mainnet has no switch; monerod test daemons never run on it"),
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };
}
