using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace MoneroNet.Node.Logging;

/// <summary>
/// The --log-file sink: a Serilog file writer behind Microsoft.Extensions.Logging, rolling over at
/// --max-log-file-size and keeping --max-log-files old files, so the disk use stays bounded as with monerod. A file
/// that cannot be written is reported on stderr and never stops the node (<see cref="FaultTolerantSink"/>).
/// </summary>
internal static class LogFileSink
{
    /// <summary>
    /// A provider writing to <paramref name="path"/>, or null with <paramref name="error"/> set when the file's
    /// directory cannot be created (the node then logs to the console only and says why).
    /// </summary>
    public static SerilogLoggerProvider? TryCreate(string path, long maxFileSize, int maxFiles, out string? error)
    {
        error = null;
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = $"cannot create the log file's directory for {path}: {e.Message}";
            return null;
        }

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(LogEventLevel.Verbose); // the Microsoft.Extensions.Logging filters decide what is written
        // Wrapped, so that FaultTolerantSink sees the file sink's own exceptions (a Logger would swallow them).
        var guarded = LoggerSinkConfiguration.Wrap(
            file => new FaultTolerantSink(file, path, Console.Error, TimeProvider.System),
            writeTo => writeTo.File(
                new MonerodFileFormatter(),
                path,
                fileSizeLimitBytes: maxFileSize > 0 ? maxFileSize : null,
                rollOnFileSizeLimit: maxFileSize > 0,
                // Serilog counts the live file too; monerod's --max-log-files counts only the rolled ones.
                retainedFileCountLimit: maxFiles > 0 ? maxFiles + 1 : null,
                // Unbuffered, so that a write that fails (full disk) fails on its own line, where FaultTolerantSink
                // catches it, and never later in a periodic flush or at dispose.
                buffered: false));
        var logger = configuration.WriteTo.Sink(guarded).CreateLogger();
        return new SerilogLoggerProvider(logger, dispose: true);
    }
}
