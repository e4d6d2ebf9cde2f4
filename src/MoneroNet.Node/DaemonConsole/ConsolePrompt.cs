using System.Threading.Channels;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// The node's interactive console, as monerod's: it reads command lines at the terminal (monerod's daemon prompt has
/// no prompt text) with <see cref="LineEditor"/>'s editing and history, and runs each with
/// <see cref="ConsoleCommands"/> against the node's own RPC methods. <c>exit</c> and Ctrl-D on an empty line stop the
/// node, as in monerod. An unknown command prints monerod's "unknown command: X" and its hint.
/// <para>Keys are read on a background thread of their own (Console.ReadKey cannot be cancelled); the loop waits for
/// them cancellably, so Ctrl-C and SIGTERM stop the node while the prompt waits, and the thread, blocked in ReadKey,
/// ends with the process.</para>
/// </summary>
internal sealed class ConsolePrompt(ConsoleSession session, Func<ConsoleKeyInfo?> readKey, TextWriter terminal)
{
    public const string UnknownCommandHint = "Use \"help\" to list all commands and their usage\n";

    private readonly ConsoleSession _session = session ?? throw new ArgumentNullException(nameof(session));
    private readonly Func<ConsoleKeyInfo?> _readKey = readKey ?? throw new ArgumentNullException(nameof(readKey));
    private readonly TextWriter _terminal = terminal ?? throw new ArgumentNullException(nameof(terminal));
    private readonly LineEditor _editor = new();

    /// <summary>Reads and runs lines until <paramref name="ct"/> is cancelled, the input ends or <c>exit</c> stops the node.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        // One key at a time is enough: the reader waits for the loop, so nothing piles up.
        var keys = Channel.CreateBounded<ConsoleKeyInfo?>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reader = new Thread(() => ReadKeys(keys.Writer, ct)) { IsBackground = true, Name = "console keys" };
        reader.Start();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var key = await keys.Reader.ReadAsync(ct);
                var result = key is { } k ? _editor.Apply(k) : LineEditResult.EndOfInput;
                if (result == LineEditResult.EndOfInput)
                {
                    await WriteAsync("\n");
                    if (_session.StopNode is { } stop)
                        await stop();
                    return;
                }
                if (result == LineEditResult.Editing)
                {
                    await WriteAsync(_editor.Render());
                    continue;
                }
                await WriteAsync("\n");
                var line = _editor.TakeLine().Trim();
                if (line.Length == 0)
                    continue;
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (!await ConsoleCommands.RunAsync(_session, words, ct))
                    await WriteAsync($"unknown command: {line}\n{UnknownCommandHint}");
                await _session.Output.Writer.FlushAsync(ct);
                if (words[0] == "exit" && words.Length == 1)
                    return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private async Task WriteAsync(string text)
    {
        await _terminal.WriteAsync(text);
        await _terminal.FlushAsync();
    }

    private void ReadKeys(ChannelWriter<ConsoleKeyInfo?> keys, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var key = _readKey();
                // Blocking here is the point: this thread only exists to wait for the terminal.
                keys.WriteAsync(key, ct).AsTask().GetAwaiter().GetResult();
                if (key is null)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // Console input went away (redirected or closed): the same as the end of input.
            keys.TryWrite(null);
        }
        finally
        {
            keys.TryComplete();
        }
    }

    /// <summary>The real terminal's keys: null at the end of input.</summary>
    public static ConsoleKeyInfo? ReadConsoleKey()
    {
        var key = Console.ReadKey(intercept: true);
        return key.Key == 0 && key.KeyChar == '\0' ? null : key;
    }
}
