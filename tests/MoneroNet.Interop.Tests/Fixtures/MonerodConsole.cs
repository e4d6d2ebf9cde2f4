using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>The console output of one monerod command-mode call.</summary>
public sealed record ConsoleCommandResult(int ExitCode, string Output);

/// <summary>
/// Runs monerod as a console client (`monerod … print_cn`): in command mode it only sends RPC requests to the given
/// port and exits. It still gets every safety flag of start-monerod (and a throw-away data dir), so even a
/// misparsed command line could not make it reach beyond loopback.
/// </summary>
public static class MonerodConsole
{
    public static async Task<ConsoleCommandResult> RunAsync(DaemonNetwork network, IPEndPoint rpc, string command,
        TimeSpan timeout)
    {
        MonerodProcess.RequireInstalled();
        LoopbackGuard.RequireLoopback(rpc.Address, "RPC endpoint");
        string dataDir = Directory.CreateTempSubdirectory("moneronet-interop-console-").FullName;
        using var p2p = PortAllocator.Lease(); // never bound in command mode, but must be a port nobody uses
        try
        {
            var args = new List<string>
            {
                network.Switch(),
                "--p2p-bind-ip", "127.0.0.1", "--p2p-bind-port", p2p.Port.ToString(),
                "--rpc-bind-ip", rpc.Address.ToString(), "--rpc-bind-port", rpc.Port.ToString(),
                "--no-igd", "--check-updates", "disabled", "--disable-dns-checkpoints", "--no-zmq", "--non-interactive",
                "--max-connections-per-ip", "100", "--rpc-ssl", "disabled",
                "--add-exclusive-node", LoopbackGuard.Format(LoopbackGuard.ClosedPeer),
                "--data-dir", dataDir,
            };
            args.AddRange(command.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            await using var child = ChildProcess.Start("monerod " + command, MonerodProcess.MonerodPath, args, dataDir);
            if (!await child.WaitForExitAsync(timeout))
            {
                throw new TimeoutException(
                    $"monerod {command} against {rpc} did not finish within {timeout.TotalSeconds:0} s\n{child.Log.Tail()}");
            }
            return new ConsoleCommandResult(child.ExitCode, child.Log.ProcessOutput());
        }
        finally
        {
            TempDirectory.DeleteQuietly(dataDir);
        }
    }
}
