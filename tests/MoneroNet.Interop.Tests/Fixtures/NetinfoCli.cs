using System.Diagnostics;
using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>What one `moneronet netinfo …` run printed, stdout and stderr apart.</summary>
public sealed record NetinfoRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs `dotnet moneronet.dll netinfo …` (the client command, which only talks to the RPC endpoint it is given)
/// with its output piped, as a script would, and a hard timeout.
/// </summary>
public static class NetinfoCli
{
    public static async Task<NetinfoRun> RunAsync(IPEndPoint rpc, IReadOnlyList<string> arguments, TimeSpan timeout)
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
        info.ArgumentList.Add("netinfo");
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--rpc-bind-ip");
        info.ArgumentList.Add(rpc.Address.ToString());
        info.ArgumentList.Add("--rpc-bind-port");
        info.ArgumentList.Add(rpc.Port.ToString());
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start moneronet netinfo");
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
            throw new TimeoutException($"moneronet netinfo {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new NetinfoRun(process.ExitCode, await output, await error);
    }
}
