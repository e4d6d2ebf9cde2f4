using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Logging;

namespace MoneroNet.Node.Tests;

/// <summary>--log-level filtering, monerod-style lines, and the bounded rolling --log-file.</summary>
public sealed class LoggingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"moneronet-logging-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private NodeOptions Options(params string[] args) =>
        NodeCommandLine.Parse([.. args, "--data-dir", _dir], "/home/x", "/").Options!;

    /// <summary>Logs one line per level from the host, a library and the framework; returns the file's lines.</summary>
    private static string[] LogEverything(NodeOptions options)
    {
        using (var factory = NodeLogging.Create(options, includeConsole: false))
        {
            foreach (var category in new[] { "MoneroNet.Node.NodeHost", "MoneroNet.P2P.Connection", "Microsoft.AspNetCore.Server" })
            {
                var logger = factory.CreateLogger(category);
                foreach (var level in new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error })
                    logger.Log(level, "{Level} from {Category}", level, category);
            }
        } // disposing the factory flushes the buffered file
        return File.ReadAllLines(options.LogFile);
    }

    private static string[] Shown(string[] lines, string category) =>
        lines.Where(l => l.Split('\t')[2] == category).Select(l => l.Split('\t')[1]).ToArray();

    [Fact]
    public void Level_0_shows_warnings_and_the_hosts_own_information_lines()
    {
        var lines = LogEverything(Options("--log-level", "0"));

        Assert.Equal(["INFO", "WARNING", "ERROR"], Shown(lines, "MoneroNet.Node.NodeHost"));
        Assert.Equal(["WARNING", "ERROR"], Shown(lines, "MoneroNet.P2P.Connection"));
        Assert.Equal(["WARNING", "ERROR"], Shown(lines, "Microsoft.AspNetCore.Server"));
    }

    [Fact]
    public void Level_1_shows_information_but_keeps_the_framework_quiet()
    {
        var lines = LogEverything(Options("--log-level", "1"));

        Assert.Equal(["INFO", "WARNING", "ERROR"], Shown(lines, "MoneroNet.P2P.Connection"));
        Assert.Equal(["WARNING", "ERROR"], Shown(lines, "Microsoft.AspNetCore.Server"));
    }

    [Fact]
    public void Level_2_shows_debug()
    {
        var lines = LogEverything(Options("--log-level", "2"));

        Assert.Equal(["DEBUG", "INFO", "WARNING", "ERROR"], Shown(lines, "MoneroNet.Node.NodeHost"));
        Assert.Equal(["DEBUG", "INFO", "WARNING", "ERROR"], Shown(lines, "MoneroNet.P2P.Connection"));
        Assert.Equal(["INFO", "WARNING", "ERROR"], Shown(lines, "Microsoft.AspNetCore.Server"));
    }

    [Theory]
    [InlineData(3, "DEBUG")]
    [InlineData(4, "TRACE")]
    public void Levels_3_and_4_show_trace(int level, string frameworkLowest)
    {
        var lines = LogEverything(Options("--log-level", level.ToString()));

        Assert.Equal(["TRACE", "DEBUG", "INFO", "WARNING", "ERROR"], Shown(lines, "MoneroNet.P2P.Connection"));
        Assert.Equal(frameworkLowest, Shown(lines, "Microsoft.AspNetCore.Server")[0]);
    }

    [Fact]
    public void File_lines_have_monerods_columns_and_unquoted_arguments()
    {
        var options = Options("--log-level", "1");
        using (var factory = NodeLogging.Create(options, includeConsole: false))
            factory.CreateLogger("MoneroNet.Node.NodeHost").LogInformation("listening on {Address}, {Count} peers", "127.0.0.1:18080", 3);

        var line = Assert.Single(File.ReadAllLines(options.LogFile));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\tINFO\tMoneroNet\.Node\.NodeHost\tlistening on 127\.0\.0\.1:18080, 3 peers$", line);
    }

    [Fact]
    public void The_default_log_file_is_moneronet_log_in_the_data_dir()
    {
        var options = Options("--testnet");
        using (var factory = NodeLogging.Create(options, includeConsole: false))
            factory.CreateLogger(NodeLogging.NodeCategory).LogInformation("hello");

        Assert.Equal(Path.Combine(_dir, "testnet", "moneronet.log"), options.LogFile);
        Assert.EndsWith("\thello", Assert.Single(File.ReadAllLines(options.LogFile)));
    }

    [Fact]
    public void The_log_file_rolls_over_and_keeps_a_bounded_number_of_files()
    {
        const int maxSize = 4096;
        var options = Options("--log-level", "1", "--max-log-file-size", maxSize.ToString(), "--max-log-files", "2");
        var payload = new string('x', 200);
        using (var factory = NodeLogging.Create(options, includeConsole: false))
        {
            var logger = factory.CreateLogger("MoneroNet.P2P.Connection");
            for (var i = 0; i < 500; i++) // ~115 KB in total, ~28 times the size limit
                logger.LogInformation("line {Number} {Payload}", i, payload);
        }

        var files = Directory.GetFiles(_dir, "moneronet*.log");
        Assert.Equal(3, files.Length); // the live file and --max-log-files rolled ones
        // Serilog checks the limit before each event, so a file may pass it by at most one line.
        var longestLine = files.SelectMany(File.ReadAllLines).Max(l => l.Length + 1);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length < maxSize + longestLine, $"{f} is {new FileInfo(f).Length} bytes"));
        var kept = files.SelectMany(File.ReadAllLines).ToArray();
        Assert.Contains(kept, l => l.Contains("\tline 499 ")); // the newest lines are kept...
        Assert.DoesNotContain(kept, l => l.Contains("\tline 0 ")); // ...and the oldest files were deleted
    }

    [Fact]
    public void An_unwritable_log_directory_falls_back_to_the_console_without_throwing()
    {
        var blocker = Path.Combine(_dir, "file");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(blocker, "a file where a directory is needed");
        var options = Options() with { LogFile = Path.Combine(blocker, "sub", "moneronet.log") };

        using var factory = NodeLogging.Create(options, includeConsole: false);
        factory.CreateLogger(NodeLogging.NodeCategory).LogWarning("still logging");

        Assert.False(File.Exists(options.LogFile));
    }

    [Theory]
    [InlineData(LogLevel.Critical, "E")]
    [InlineData(LogLevel.Error, "E")]
    [InlineData(LogLevel.Warning, "W")]
    [InlineData(LogLevel.Information, "I")]
    [InlineData(LogLevel.Debug, "D")]
    [InlineData(LogLevel.Trace, "T")]
    public void Console_lines_look_like_monerods(LogLevel level, string letter)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 7, 53, 49, 123, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var formatter = new MonerodConsoleFormatter { Clock = clock };
        var output = new StringWriter();

        formatter.Write(new LogEntry<string>(level, "MoneroNet.Node", new EventId(1), "node starting", null, (s, _) => s), null, output);

        Assert.Equal($"2026-11-28 07:53:49.123\t{letter} node starting{Environment.NewLine}", output.ToString());
    }

    [Fact]
    public void Console_line_of_an_exception_carries_it_on_the_following_lines()
    {
        var formatter = new MonerodConsoleFormatter();
        var output = new StringWriter();
        var error = new InvalidOperationException("boom");

        formatter.Write(new LogEntry<string>(LogLevel.Error, "c", default, "failed", error, (s, _) => s), null, output);

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.EndsWith("\tE failed", lines[0]);
        Assert.StartsWith("System.InvalidOperationException: boom", lines[1]);
    }
}
