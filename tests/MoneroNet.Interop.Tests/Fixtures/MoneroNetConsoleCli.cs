using System.Diagnostics;
using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Runs `dotnet moneronet.dll --testnet --rpc-bind-ip IP --rpc-bind-port N &lt;command&gt;` (the console's client form,
/// which only talks to the RPC end point it is given), output piped, with a hard timeout.
/// </summary>
public static class MoneroNetConsoleCli
{
    public static async Task<ConsoleCommandResult> RunAsync(IPEndPoint rpc, string command, TimeSpan timeout)
    {
        LoopbackGuard.RequireLoopback(rpc.Address, "RPC endpoint");
        var info = new ProcessStartInfo(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(MoneroNetProcess.NodeAssemblyPath);
        foreach (var flag in new[] { "--testnet", "--rpc-bind-ip", rpc.Address.ToString(), "--rpc-bind-port", rpc.Port.ToString() })
            info.ArgumentList.Add(flag);
        foreach (var word in command.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            info.ArgumentList.Add(word);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start moneronet " + command);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"moneronet {command} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new ConsoleCommandResult(process.ExitCode, await output + await error);
    }
}
