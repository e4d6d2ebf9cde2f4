using MoneroNet.Node.Logging;

namespace MoneroNet.Node.Hosting;

/// <summary>What the process gives the node host beyond its options: the log filter to change at run time, and whether
/// to read commands at the terminal.</summary>
public sealed record NodeHostHooks
{
    /// <summary>The filter of the logger factory, which set_log and /set_log_level change; null: logging is fixed.</summary>
    public LogLevelPolicy? Logging { get; init; }

    /// <summary>Read console commands at the terminal (monerod's prompt) once the node runs.</summary>
    public bool Interactive { get; init; }
}
