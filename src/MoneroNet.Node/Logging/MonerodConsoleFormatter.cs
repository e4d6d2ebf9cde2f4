using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace MoneroNet.Node.Logging;

/// <summary>
/// Console lines in monerod's style: local time to the millisecond, a tab, a one-letter level, a space, the message
/// (<c>2026-11-28 07:53:49.123	I node starting</c>). An exception follows on the next lines.
/// </summary>
public sealed class MonerodConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The name to select this formatter with (ConsoleLoggerOptions.FormatterName).</summary>
    public const string FormatterName = "monerod";

    /// <summary>Overridable clock so that tests can check the exact line.</summary>
    internal TimeProvider Clock { get; init; } = TimeProvider.System;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        textWriter.Write(Clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write('\t');
        textWriter.Write(LevelLetter(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(message);
        if (logEntry.Exception is not null)
        {
            textWriter.Write(Environment.NewLine);
            textWriter.Write(logEntry.Exception.ToString());
        }
        textWriter.Write(Environment.NewLine);
    }

    /// <summary>monerod's letters: E(rror), W(arning), I(nfo), D(ebug), T(race); Critical is shown as E too.</summary>
    public static char LevelLetter(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => 'E',
        LogLevel.Warning => 'W',
        LogLevel.Information => 'I',
        LogLevel.Debug => 'D',
        _ => 'T',
    };
}
