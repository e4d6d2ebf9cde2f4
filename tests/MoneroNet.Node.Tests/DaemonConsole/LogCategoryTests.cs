using Microsoft.Extensions.Logging;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Logging;

namespace MoneroNet.Node.Tests.DaemonConsole;

/// <summary>monerod's log category syntax and presets, and changing them while loggers exist.</summary>
public sealed class LogCategoryTests
{
    [Fact]
    public void The_last_matching_entry_decides_as_in_easylogging()
    {
        var rules = MonerodLogRules.Parse("net.p2p:DEBUG,*:WARNING");
        Assert.Equal(LogLevel.Warning, rules.MinimumFor("net.p2p")); // *:WARNING comes last and matches too
        rules = MonerodLogRules.Parse("*:WARNING,net.p2p:DEBUG,net.*:ERROR,net.cn:trace");
        Assert.Equal(LogLevel.Error, rules.MinimumFor("net.p2p"));
        Assert.Equal(LogLevel.Trace, rules.MinimumFor("net.cn"));
        Assert.Equal(LogLevel.Warning, rules.MinimumFor("daemon.rpc"));
        Assert.Equal(LogLevel.None, MonerodLogRules.Parse("net.p2p:DEBUG").MinimumFor("daemon.rpc"));
    }

    [Theory]
    [InlineData("FATAL", LogLevel.Critical)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("WARNING", LogLevel.Warning)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("TRACE", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    public void Monerods_level_names_map_onto_ours(string name, LogLevel level) =>
        Assert.Equal(level, MonerodLogRules.Parse("net.p2p:" + name).MinimumFor("net.p2p"));

    [Fact]
    public void Entries_without_a_known_level_are_dropped()
    {
        var rules = MonerodLogRules.Parse("net.p2p,daemon.rpc:LOUD,*:INFO");
        Assert.Single(rules.Entries);
    }

    [Theory]
    [InlineData("net.p2p", "net.*", true)]
    [InlineData("net", "net.*", false)]
    [InlineData("net.p2p", "net.p?p", true)]
    [InlineData("anything", "*", true)]
    [InlineData("net.cn", "net.p2p", false)]
    public void Wildcards_are_easyloggings(string text, string pattern, bool match) =>
        Assert.Equal(match, MonerodLogRules.WildcardMatch(text, pattern));

    [Fact]
    public void Presets_are_monerods_with_the_host_as_global_and_the_framework_kept_quiet()
    {
        var zero = MonerodLogRules.ForLevel(0);
        Assert.StartsWith("*:WARNING,net:FATAL,net.http:FATAL,net.ssl:FATAL,net.p2p:FATAL", zero.Text);
        Assert.Equal(LogLevel.Critical, zero.MinimumFor("net.p2p"));
        Assert.Equal(LogLevel.Information, zero.MinimumFor("MoneroNet.Node.NodeHost")); // global:INFO
        Assert.Equal(LogLevel.Warning, zero.MinimumFor("net.conn"));
        Assert.Equal(LogLevel.Warning, MonerodLogRules.ForLevel(1).MinimumFor("Microsoft.AspNetCore.Server.Kestrel"));
        Assert.Equal(LogLevel.Information, MonerodLogRules.ForLevel(1).MinimumFor("net.p2p"));
        Assert.Equal(LogLevel.Debug, MonerodLogRules.ForLevel(2).MinimumFor("net.p2p"));
        Assert.Equal(LogLevel.Trace, MonerodLogRules.ForLevel(3).MinimumFor("net.p2p"));
        Assert.Equal(LogLevel.Debug, MonerodLogRules.ForLevel(3).MinimumFor("net.p2p.dump"));
        Assert.Equal(LogLevel.Trace, MonerodLogRules.ForLevel(4).MinimumFor("Microsoft.AspNetCore"));
    }

    [Fact]
    public void A_change_reaches_loggers_created_before_it()
    {
        var policy = LogLevelPolicy.FromFlag("0");
        using var factory = LoggerFactory.Create(builder => policy.Apply(builder).AddProvider(new EverythingProvider()));
        var p2p = factory.CreateLogger("net.p2p");
        Assert.False(p2p.IsEnabled(LogLevel.Debug));
        Assert.False(p2p.IsEnabled(LogLevel.Error)); // net.p2p:FATAL at level 0
        Assert.Equal("*:WARNING,net.p2p:DEBUG", policy.SetLog("*:WARNING,net.p2p:DEBUG"));
        Assert.True(p2p.IsEnabled(LogLevel.Debug));
        Assert.False(p2p.IsEnabled(LogLevel.Trace));
        policy.SetLevel(4);
        Assert.True(p2p.IsEnabled(LogLevel.Trace));
        Assert.Equal("", policy.SetLog(""));
        Assert.False(p2p.IsEnabled(LogLevel.Critical)); // no categories: nothing logs
    }

    [Fact]
    public void Plus_appends_minus_removes_and_a_number_with_categories_follows_its_preset()
    {
        var policy = LogLevelPolicy.FromFlag("net.p2p:DEBUG,*:WARNING");
        Assert.Equal("net.p2p:DEBUG,*:WARNING", policy.SetLog("+"));
        Assert.Equal("net.p2p:DEBUG,*:WARNING,net.cn:TRACE", policy.SetLog("+net.cn:TRACE"));
        Assert.Equal("net.p2p:DEBUG,*:WARNING,", policy.SetLog("-net.cn:TRACE")); // monerod leaves the comma too
        var text = policy.SetLog("2,net.p2p:TRACE");
        Assert.Equal(MonerodLogRules.Preset(2) + ",net.p2p:TRACE", text);
        Assert.True(policy.IsEnabled("net.p2p", LogLevel.Trace));
        Assert.False(policy.IsEnabled("net.cn", LogLevel.Trace));
    }

    [Theory]
    [InlineData("net.p2p:DEBUG,*:WARNING", 0, "net.p2p:DEBUG,*:WARNING")]
    [InlineData("3", 3, null)]
    [InlineData("2,net.cn:TRACE", 0, "2,net.cn:TRACE")]
    public void Log_level_takes_a_number_or_monerods_categories(string value, int level, string? categories)
    {
        var result = NodeCommandLine.Parse(["--log-level", value]);
        Assert.Null(result.Error);
        Assert.Equal(level, result.Options!.LogLevel);
        Assert.Equal(categories, result.Options.LogCategories);
        Assert.Equal(value, result.Options.LogLevelText);
    }

    [Fact]
    public void Log_level_above_4_is_refused()
    {
        var result = NodeCommandLine.Parse(["--log-level", "5"]);
        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Contains("--log-level", result.Error);
    }

    /// <summary>A provider whose loggers would write everything: what is enabled is then the policy's answer alone.</summary>
    private sealed class EverythingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Everything();

        public void Dispose()
        {
        }

        private sealed class Everything : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
