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

    /// <summary>Logs what <see cref="ThreadPoolReserve.StartAndKeep"/> did.</summary>
    public static void ThreadPool(ILoggerFactory loggerFactory, ThreadPoolReserve.Outcome outcome)
    {
        var log = loggerFactory.CreateLogger(NodeLogging.NodeCategory);
        if (outcome.Fixed && outcome.Running >= outcome.Workers) ThreadPoolStarted(log, outcome.Workers);
        else ThreadPoolShort(log, outcome.Workers, outcome.Running, outcome.Fixed);
    }

    [LoggerMessage(4050, LogLevel.Information,
        "Thread pool: {Workers} worker threads started and kept (no thread is created once descriptors run out)")]
    private static partial void ThreadPoolStarted(ILogger logger, int workers);

    [LoggerMessage(4051, LogLevel.Warning,
        "Thread pool: {Running} of {Workers} worker threads running at start (size fixed: {Fixed}); more may be created later")]
    private static partial void ThreadPoolShort(ILogger logger, int workers, int running, bool @fixed);

    [LoggerMessage(4010, LogLevel.Information, "Open-file limit raised from {Before} to {After}")]
    private static partial void OpenFileLimitRaised(ILogger logger, ulong before, ulong after);

    [LoggerMessage(4011, LogLevel.Information, "Open-file limit is {Limit} (the hard limit)")]
    private static partial void OpenFileLimitUnchanged(ILogger logger, ulong limit);

    [LoggerMessage(4012, LogLevel.Warning, "Open-file limit stays at {Limit}: {Reason}")]
    private static partial void OpenFileLimitKept(ILogger logger, ulong limit, string reason);
}
