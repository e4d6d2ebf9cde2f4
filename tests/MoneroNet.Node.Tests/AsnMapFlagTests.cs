using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Tests;

/// <summary>
/// --asn-map: parsed as a path (command line and config file), loaded at start; an unreadable or empty map stops the
/// start with one line and exit code 1, bad lines only warn with counts by kind.
/// </summary>
public sealed class AsnMapFlagTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("moneronet-asnmap-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static string TestMap(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", "asn", fileName);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_relative_path_is_made_absolute(bool equalsSyntax)
    {
        string[] args = equalsSyntax ? ["--asn-map=maps/asn.tsv"] : ["--asn-map", "maps/asn.tsv"];

        var options = NodeCommandLine.Parse(args, "/home/x", "/srv/work").Options!;

        Assert.Equal("/srv/work/maps/asn.tsv", options.AsnMap);
    }

    [Fact]
    public void Not_given_means_no_map()
    {
        Assert.Null(NodeCommandLine.Parse([], "/home/x", "/").Options!.AsnMap);
    }

    [Fact]
    public void A_config_file_may_give_it()
    {
        var config = Path.Combine(_home, "node.conf");
        File.WriteAllText(config, "asn-map=/var/lib/ip2asn-combined.tsv\n");

        var options = NodeCommandLine.Parse(["--config-file", config], _home, _home).Options!;

        Assert.Equal("/var/lib/ip2asn-combined.tsv", options.AsnMap);
    }

    [Fact]
    public void An_empty_value_is_a_bad_flag()
    {
        var result = NodeCommandLine.Parse(["--asn-map="], _home, _home);

        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Contains("asn-map", result.Error);
    }

    [Fact]
    public void Help_lists_it()
    {
        Assert.Contains("  --asn-map arg ", NodeCommandLine.HelpText);
    }

    [Fact]
    public async Task A_missing_file_stops_the_start_with_one_line()
    {
        var missing = Path.Combine(_home, "nope.tsv");
        var (exitCode, log) = await StartAsync(missing, stopWhenStarted: false);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.StartsWith($"Cannot start: cannot read --asn-map {missing}: ", line.Message);
    }

    [Fact]
    public async Task A_file_without_a_valid_line_stops_the_start_with_one_line()
    {
        var path = Path.Combine(_home, "bad.tsv");
        File.WriteAllText(path, "# only bad lines\nnot\ta\tmap\n10.0.0.9\t10.0.0.1\t5\tZZ\tBACKWARDS\n");

        var (exitCode, log) = await StartAsync(path, stopWhenStarted: false);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal(
            $"Cannot start: --asn-map {path} has no valid line (2 bad: wrong column count 1 (first at line 2), start after end 1 (first at line 3))",
            line.Message);
    }

    [Theory]
    [InlineData("test-asn-map.tsv")]
    [InlineData("test-asn-map.tsv.gz")]
    public async Task The_test_map_loads_at_start(string fileName)
    {
        var (exitCode, log) = await StartAsync(TestMap(fileName), stopWhenStarted: true);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(log.Entries, e => e.EventId == 4020
            && e.Message.Contains("5 IPv4 and 3 IPv6 ranges, 7 AS entries, 1 not-routed rows dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_lines_give_one_warning_with_counts_by_kind()
    {
        var path = Path.Combine(_home, "some-bad.tsv");
        File.WriteAllText(path, File.ReadAllText(TestMap("test-asn-map.tsv")) + "1.2.3\t1.2.3.4\t1\tZZ\tX\n1.2.3.4\t1.2.3.5\tAS1\tZZ\tX\n");

        var (exitCode, log) = await StartAsync(path, stopWhenStarted: true);

        Assert.Equal(0, exitCode);
        var warning = Assert.Single(log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(4021, warning.EventId);
        Assert.Equal($"--asn-map {path}: 2 bad lines skipped: bad address 1 (first at line 11), bad AS number 1 (first at line 12)", warning.Message);
    }

    /// <summary>Runs the node on loopback with <paramref name="asnMap"/>; stops it once the P2P listener answers.</summary>
    private async Task<(int ExitCode, CapturingLoggerFactory Log)> StartAsync(string asnMap, bool stopWhenStarted)
    {
        int p2pPort = FreePort(), rpcPort = FreePort();
        var options = NodeCommandLine.Parse(
            ["--regtest", "--data-dir", Path.Combine(_home, "data"), "--p2p-bind-ip", "127.0.0.1", "--p2p-bind-port", $"{p2pPort}",
             "--rpc-bind-port", $"{rpcPort}", "--rpc-ssl", "disabled", "--add-exclusive-node", "127.0.0.1:1", "--asn-map", asnMap],
            _home, _home).Options!;
        var log = new CapturingLoggerFactory();
        using var stop = new CancellationTokenSource();
        var run = NodeHost.RunAsync(options, new RpcLoginPrompt(false, () => null, TextWriter.Null), log, stop.Token);
        if (stopWhenStarted)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!run.IsCompleted && !await AcceptsAsync(rpcPort) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            stop.Cancel();
        }
        return (await run.WaitAsync(TimeSpan.FromSeconds(30)), log);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal sealed record Entry(int EventId, LogLevel Level, string Message);

    /// <summary>Keeps every line the node logs.</summary>
    internal sealed class CapturingLoggerFactory : ILoggerFactory
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(_entries);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
