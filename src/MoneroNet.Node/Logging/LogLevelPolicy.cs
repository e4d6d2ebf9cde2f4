using Microsoft.Extensions.Logging;

namespace MoneroNet.Node.Logging;

/// <summary>
/// What monerod's --log-level 0..4 means for this node, as Microsoft.Extensions.Logging filter rules.
/// <list type="table">
/// <item><term>0</term><description>warnings and errors from everything, plus Information from the node host's own
/// categories (<see cref="NodeLogging.NodeCategory"/>: start-up, listening addresses, shutdown) — as monerod's level 0
/// shows warnings plus its "global" INFO lines.</description></item>
/// <item><term>1</term><description>Information from MoneroNet; framework (Microsoft.*, e.g. Kestrel) stays at Warning.</description></item>
/// <item><term>2</term><description>Debug from MoneroNet, Information from the framework.</description></item>
/// <item><term>3</term><description>Trace from MoneroNet (every message), Debug from the framework.</description></item>
/// <item><term>4</term><description>Trace from everything.</description></item>
/// </list>
/// </summary>
public static class LogLevelPolicy
{
    /// <summary>Category prefix of framework loggers (ASP.NET Core, hosting), kept quieter than ours below level 4.</summary>
    public const string FrameworkCategory = "Microsoft";

    /// <summary>The minimum level for categories that are neither the host's nor the framework's.</summary>
    public static LogLevel DefaultMinimum(int logLevel) => logLevel switch
    {
        <= 0 => LogLevel.Warning,
        1 => LogLevel.Information,
        2 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    /// <summary>The minimum level for the host's own categories: never above Information, so start-up lines always show.</summary>
    public static LogLevel NodeMinimum(int logLevel) =>
        DefaultMinimum(logLevel) < LogLevel.Information ? DefaultMinimum(logLevel) : LogLevel.Information;

    /// <summary>The minimum level for framework categories.</summary>
    public static LogLevel FrameworkMinimum(int logLevel) => logLevel switch
    {
        <= 1 => LogLevel.Warning,
        2 => LogLevel.Information,
        3 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    /// <summary>Installs the rules for <paramref name="logLevel"/> on every provider of <paramref name="builder"/>.</summary>
    public static ILoggingBuilder Apply(ILoggingBuilder builder, int logLevel)
    {
        builder.SetMinimumLevel(DefaultMinimum(logLevel));
        builder.AddFilter(NodeLogging.NodeCategory, NodeMinimum(logLevel));
        builder.AddFilter(FrameworkCategory, FrameworkMinimum(logLevel));
        return builder;
    }
}
