using Microsoft.Extensions.Logging;
using MoneroNet.Node.Logging;

namespace MoneroNet.Node.Hosting;

/// <summary>Lines the process logs about its environment before the node starts.</summary>
public static partial class NodeStartupLog
{
    /// <summary>Logs what <see cref="Hosting.OpenFileLimit.RaiseToHardLimit"/> did.</summary>
    public static void OpenFileLimit(ILoggerFactory loggerFactory, OpenFileLimit.Outcome outcome)
    {
        var log = loggerFactory.CreateLogger(NodeLogging.NodeCategory);
        if (outcome.Error is { } error) OpenFileLimitKept(log, outcome.After, error);
        else if (outcome.Raised) OpenFileLimitRaised(log, outcome.Before, outcome.After);
        else OpenFileLimitUnchanged(log, outcome.After);
    }

    [LoggerMessage(4010, LogLevel.Information, "Open-file limit raised from {Before} to {After}")]
    private static partial void OpenFileLimitRaised(ILogger logger, ulong before, ulong after);

    [LoggerMessage(4011, LogLevel.Information, "Open-file limit is {Limit} (the hard limit)")]
    private static partial void OpenFileLimitUnchanged(ILogger logger, ulong limit);

    [LoggerMessage(4012, LogLevel.Warning, "Open-file limit stays at {Limit}: {Reason}")]
    private static partial void OpenFileLimitKept(ILogger logger, ulong limit, string reason);
}
