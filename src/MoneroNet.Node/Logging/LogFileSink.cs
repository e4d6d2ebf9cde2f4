using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace MoneroNet.Node.Logging;

/// <summary>
/// The --log-file sink: a Serilog file writer behind Microsoft.Extensions.Logging, rolling over at
/// --max-log-file-size and keeping --max-log-files old files, so the disk use stays bounded as with monerod.
/// </summary>
internal static class LogFileSink
{
    /// <summary>How often buffered lines reach the disk; a crash loses at most this much of the log.</summary>
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

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

        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(LogEventLevel.Verbose) // the Microsoft.Extensions.Logging filters decide what is written
            .WriteTo.File(
                new MonerodFileFormatter(),
                path,
                fileSizeLimitBytes: maxFileSize > 0 ? maxFileSize : null,
                rollOnFileSizeLimit: maxFileSize > 0,
                // Serilog counts the live file too; monerod's --max-log-files counts only the rolled ones.
                retainedFileCountLimit: maxFiles > 0 ? maxFiles + 1 : null,
                buffered: true,
                flushToDiskInterval: FlushInterval)
            .CreateLogger();
        return new SerilogLoggerProvider(logger, dispose: true);
    }
}
