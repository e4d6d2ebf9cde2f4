using System.Diagnostics;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>Runs a local tool to completion (60 s at most) and returns its stdout + stderr; a non-zero exit fails the test.</summary>
internal static class ProcessRunner
{
    public static Task<string> RunAsync(string path, params string[] arguments) => RunAsync(path, arguments, path);

    /// <param name="description">How failure messages name the run, e.g. the tool plus its command.</param>
    public static async Task<string> RunAsync(string path, IEnumerable<string> arguments, string description)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{description} did not finish within 60 s");
        }
        var text = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{description} exited with {process.ExitCode}: {text}");
        return text;
    }
}
