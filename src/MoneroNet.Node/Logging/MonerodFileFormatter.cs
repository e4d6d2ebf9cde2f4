using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace MoneroNet.Node.Logging;

/// <summary>
/// Log-file lines shaped like monerod's bitmonero.log: time, level word, category, message, tab-separated
/// (<c>2026-11-28 07:53:49.123	INFO	MoneroNet.Node.NodeHost	node starting</c>). monerod's thread and source-location
/// columns are left out: they mean little in async code.
/// </summary>
public sealed class MonerodFileFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write(logEvent.Timestamp.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
        output.Write('\t');
        output.Write(LevelWord(logEvent.Level));
        output.Write('\t');
        output.Write(logEvent.Properties.TryGetValue("SourceContext", out var context) && context is ScalarValue { Value: string category }
            ? category : "-");
        output.Write('\t');
        RenderMessage(logEvent, output);
        output.Write('\n');
        if (logEvent.Exception is not null)
        {
            output.Write(logEvent.Exception.ToString());
            output.Write('\n');
        }
    }

    /// <summary>
    /// The message with string arguments written as they are: Serilog's own rendering would quote them, which
    /// Microsoft.Extensions.Logging's console output (and monerod) does not.
    /// </summary>
    private static void RenderMessage(LogEvent logEvent, TextWriter output)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
            {
                output.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, output, CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>monerod's level words (easylogging++ names).</summary>
    public static string LevelWord(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => "FATAL",
        LogEventLevel.Error => "ERROR",
        LogEventLevel.Warning => "WARNING",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Debug => "DEBUG",
        _ => "TRACE",
    };
}
