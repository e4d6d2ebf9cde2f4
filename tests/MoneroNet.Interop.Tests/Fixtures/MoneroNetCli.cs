using System.Diagnostics;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>What one `moneronet …` client run printed, stdout and stderr apart.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs `dotnet moneronet.dll ARGS` on the test's own dotnet host, stdin closed and output piped as a script would
/// run it, with a hard timeout (the process tree is killed when it passes). The callers' arguments name only
/// loopback RPC endpoints.
/// </summary>
public static class MoneroNetCli
{
    public static async Task<CliRun> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(MoneroNetProcess.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(MoneroNetProcess.NodeAssemblyPath);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var shown = string.Join(' ', arguments);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start moneronet " + shown);
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
            throw new TimeoutException($"moneronet {shown} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new CliRun(process.ExitCode, await output, await error);
    }
}
