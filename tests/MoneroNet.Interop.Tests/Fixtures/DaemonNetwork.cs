namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>Which Monero network a test daemon runs on; each maps to one command-line switch.</summary>
public enum DaemonNetwork
{
    Testnet,
    Stagenet,
    Regtest,
}

public static class DaemonNetworkExtensions
{
    public static string Switch(this DaemonNetwork network) => network switch
    {
        DaemonNetwork.Testnet => "--testnet",
        DaemonNetwork.Stagenet => "--stagenet",
        DaemonNetwork.Regtest => "--regtest",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };
}
