using Serilog.Core;
using Serilog.Events;

namespace MoneroNet.Node.Logging;

/// <summary>
/// Stands between the log file and everything that logs, so that a log file that cannot be written (a full disk, a
/// file system gone read-only) never takes the node down: a failed write is reported on stderr (the log itself being
/// what failed), at most once per <see cref="ReportInterval"/>, and the next line simply tries again; when a write
/// succeeds after failures, stderr says how many lines were lost. Closing the file at exit is guarded the same way.
/// </summary>
/// <remarks>
/// The file below is written unbuffered (one write a line) so that a failure surfaces here, on the line that
/// failed, and not inside Serilog's periodic flush or in the dispose at exit, where it would escape.
/// </remarks>
internal sealed class FaultTolerantSink(ILogEventSink inner, string path, TextWriter errors, TimeProvider time)
    : ILogEventSink, IDisposable
{
    /// <summary>How often a still-failing log file is reported on stderr.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long _lostLines;
    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

    /// <summary>Lines that could not be written since the last successful write.</summary>
    public long LostLines => Interlocked.Read(ref _lostLines);

    public void Emit(LogEvent logEvent)
    {
        string? report = null;
        try
        {
            inner.Emit(logEvent);
            if (Interlocked.Read(ref _lostLines) > 0)
            {
                long lost = Interlocked.Exchange(ref _lostLines, 0);
                if (lost > 0) report = $"moneronet: log file {path} is writable again; {lost} line(s) were lost";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _lostLines);
            var now = time.GetUtcNow();
            lock (_lock)
            {
                if (now - _lastReport >= ReportInterval)
                {
                    _lastReport = now;
                    report = $"moneronet: cannot write the log file {path}: {ex.Message} (retrying with each line; reported at most once a minute)";
                }
            }
        }
        // stderr is written outside the lock: a blocked terminal must not hold up other loggers.
        if (report is not null) WriteError(report);
    }

    public void Dispose()
    {
        try
        {
            (inner as IDisposable)?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            WriteError($"moneronet: the log file {path} could not be closed cleanly: {ex.Message}");
        }
    }

    private void WriteError(string line)
    {
        try { errors.WriteLine(line); }
        catch (IOException) { } // nowhere left to say it
    }
}
