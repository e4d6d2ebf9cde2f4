using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Runs `moneronet --testnet --rpc-bind-ip IP --rpc-bind-port N &lt;command&gt;` (the console's client form, which only
/// talks to the RPC end point it is given) through <see cref="MoneroNetCli"/>.
/// </summary>
public static class MoneroNetConsoleCli
{
    public static async Task<ConsoleCommandResult> RunAsync(IPEndPoint rpc, string command, TimeSpan timeout)
    {
        LoopbackGuard.RequireLoopback(rpc.Address, "RPC endpoint");
        string[] arguments =
        [
            "--testnet", "--rpc-bind-ip", rpc.Address.ToString(), "--rpc-bind-port", rpc.Port.ToString(),
            .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        ];
        var run = await MoneroNetCli.RunAsync(arguments, timeout);
        return new ConsoleCommandResult(run.ExitCode, run.Output + run.Error);
    }
}
