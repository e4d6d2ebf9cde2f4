using Microsoft.Extensions.Logging;

namespace MoneroNet.Fuzz;

/// <summary>
/// A logger for code that catches every exception of a handler and logs it at Error (the RPC dispatchers answer
/// −32603 or HTTP 500 then): it keeps the first such exception so that the target can rethrow it as a finding.
/// Everything below Error is off.
/// </summary>
internal sealed class FailOnErrorLogger : ILogger
{
    private Exception? _failure;
    private string? _message;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error && _failure is null)
        {
            _failure = exception;
            _message = $"logged at {logLevel} ({eventId.Id}): {formatter(state, exception)}";
        }
    }

    /// <summary>Throws a finding for the first Error logged since the last call, and forgets it.</summary>
    public void ThrowIfFailed()
    {
        var (failure, message) = (_failure, _message);
        (_failure, _message) = (null, null);
        if (message is null)
        {
            return;
        }

        throw failure is null ? new FuzzFindingException(message) : new FuzzFindingException(message, failure);
    }
}
