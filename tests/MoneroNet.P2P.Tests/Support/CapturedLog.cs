using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P.Tests.Support;

/// <summary>One log line as the node wrote it, with its structured fields (e.g. "Peer", "Reason").</summary>
internal sealed record LogEntry(int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)
{
    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v?.ToString() : null;
}

/// <summary>
/// An <see cref="ILoggerFactory"/> that keeps every log line in memory, so tests can check which close reason a
/// connection was logged with, and that it was logged exactly once.
/// </summary>
internal sealed class CapturedLog : ILoggerFactory
{
    /// <summary>Event id of P2PLog.ConnectionClosed.</summary>
    public const int ConnectionClosedEvent = 1003;

    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <summary>Close lines of the connection whose remote end (as the node sees it) is <paramref name="peer"/>.</summary>
    public IReadOnlyList<LogEntry> ClosesOf(string peer) =>
        Entries.Where(e => e.EventId == ConnectionClosedEvent && e.Field("Peer") == peer).ToList();

    public IReadOnlyList<LogEntry> Closes => Entries.Where(e => e.EventId == ConnectionClosedEvent).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose() { }

    private sealed class Logger(CapturedLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (k, v) in pairs) fields[k] = v;
            owner._entries.Enqueue(new LogEntry(eventId.Id, logLevel, formatter(state, exception), fields));
        }
    }
}
