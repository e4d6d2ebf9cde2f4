using System.Diagnostics;

namespace MoneroNet.Node.Tests;

/// <summary>
/// Runs ./moneronet from the repository root exactly as the README tells a newcomer to. The script builds the node
/// (Release, into .build/node) when the build is missing or stale, hence the generous timeout. One class, so the
/// builds these tests may trigger never run at the same time.
/// </summary>
public sealed class ReadmeCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no MoneroNet.slnx above {AppContext.BaseDirectory}");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunScript(params string[] args)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "moneronet"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./moneronet {string.Join(' ', args)} did not finish within {Timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Version_prints_one_line_and_exits_0()
    {
        var (exit, stdout, stderr) = await RunScript("--version");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"^MoneroNet '[^']+' \(v\d+\.\d+\.\d+[^)]*\)\n$", stdout);
    }

    [Fact]
    public async Task Help_prints_usage_with_the_flags_and_exits_0()
    {
        var (exit, stdout, stderr) = await RunScript("--help");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Usage: moneronet", stdout);
        foreach (var flag in new[] { "--testnet", "--add-exclusive-node", "--p2p-bind-port", "--rpc-bind-port", "--log-level", "--data-dir" })
            Assert.Contains("  " + flag, stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Unknown_flag_prints_one_line_on_stderr_and_exits_1()
    {
        var (exit, stdout, stderr) = await RunScript("--no-such-flag");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal("Failed to parse arguments: unrecognised option '--no-such-flag'\n", stderr);
    }

    [Fact]
    public async Task Bad_value_prints_one_line_on_stderr_and_exits_1()
    {
        var (exit, stdout, stderr) = await RunScript("--testnet", "--log-level", "abc");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal("Failed to parse arguments: the argument ('abc') for option '--log-level' is invalid: expected 0..4 or monerod log categories such as net.p2p:DEBUG,*:WARNING\n", stderr);
    }

    [Fact]
    public async Task Netinfo_help_says_what_each_level_shows_and_exits_0()
    {
        var (exit, stdout, stderr) = await RunScript("netinfo", "--help");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("usage: moneronet netinfo [0-4] [--watch]", stdout, StringComparison.Ordinal);
        Assert.Equal(MoneroNet.Node.Netinfo.NetinfoArguments.HelpText, stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Netinfo_with_a_bad_level_prints_the_error_and_usage_on_stderr_and_exits_1()
    {
        var (exit, stdout, stderr) = await RunScript("netinfo", "7");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("netinfo: the level is one of 0 1 2 3 4, not \"7\"\nusage: moneronet netinfo", stderr, StringComparison.Ordinal);
    }
}
