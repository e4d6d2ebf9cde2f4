using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Runs `moneronet netinfo … --rpc-bind-ip IP --rpc-bind-port N` (the client command, which only talks to the RPC
/// endpoint it is given) through <see cref="MoneroNetCli"/>.
/// </summary>
public static class NetinfoCli
{
    public static Task<CliRun> RunAsync(IPEndPoint rpc, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        LoopbackGuard.RequireLoopback(rpc.Address, "RPC endpoint");
        return MoneroNetCli.RunAsync(
            ["netinfo", .. arguments, "--rpc-bind-ip", rpc.Address.ToString(), "--rpc-bind-port", rpc.Port.ToString()], timeout);
    }
}
