using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Logging;

/// <summary>
/// Builds the node's logging from <see cref="NodeOptions"/>: monerod-style console lines on stdout and the
/// rolling --log-file, both filtered by --log-level as <see cref="LogLevelPolicy"/> describes.
/// </summary>
public static class NodeLogging
{
    /// <summary>
    /// Category prefix of the host's own loggers (every type in the MoneroNet.Node namespace, e.g.
    /// <c>ILogger&lt;NodeHost&gt;</c>). Their Information lines show even at --log-level 0.
    /// </summary>
    public const string NodeCategory = "MoneroNet.Node";

    /// <summary>The factory the host uses for every layer. Dispose it at exit: that flushes the console and the file.</summary>
    public static ILoggerFactory CreateLoggerFactory(NodeOptions options, LogLevelPolicy policy) => Create(options, policy, includeConsole: true);

    /// <summary>Tests leave the console out so that their output stays readable.</summary>
    internal static ILoggerFactory Create(NodeOptions options, bool includeConsole) =>
        Create(options, LogLevelPolicy.FromFlag(options.LogLevelText), includeConsole);

    /// <summary>The factory filtered by <paramref name="policy"/>, which set_log may change later.</summary>
    internal static ILoggerFactory Create(NodeOptions options, LogLevelPolicy policy, bool includeConsole)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        string? fileError = null;
        var factory = LoggerFactory.Create(builder =>
        {
            policy.Apply(builder);
            if (includeConsole)
            {
                builder.AddConsole(console =>
                {
                    console.FormatterName = MonerodConsoleFormatter.FormatterName;
                    console.LogToStandardErrorThreshold = LogLevel.None; // monerod logs to stdout
                });
                builder.AddConsoleFormatter<MonerodConsoleFormatter, ConsoleFormatterOptions>();
            }
            var file = LogFileSink.TryCreate(options.LogFile, options.MaxLogFileSize, options.MaxLogFiles, out fileError);
            // Registered through a factory so that the container owns the provider and disposes it with the
            // logger factory, which flushes the buffered file (AddProvider(instance) would never dispose it).
            if (file is not null)
                builder.Services.AddSingleton<ILoggerProvider>(_ => file);
        });
        if (fileError is not null)
            NodeLog.ConsoleOnly(factory.CreateLogger(NodeCategory), fileError);
        return factory;
    }
}
