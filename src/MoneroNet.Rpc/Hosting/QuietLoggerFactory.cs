using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Hosting;

/// <summary>
/// Hands the host's loggers to ASP.NET Core, but lets its own categories ("Microsoft.*": request starts, listening
/// addresses, …) through only from Warning up, so the node's console is not flooded. Never disposes the host's factory.
/// </summary>
internal sealed class QuietLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const LogLevel FrameworkMinimum = LogLevel.Warning;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) ? new MinimumLevelLogger(logger, FrameworkMinimum) : logger;
    }

    public void AddProvider(ILoggerProvider provider)
    {
        // Providers belong to the host's factory; ASP.NET Core does not add any to an empty builder.
    }

    public void Dispose()
    {
    }

    private sealed class MinimumLevelLogger(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= minimum)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
