using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Collects the stdout and stderr lines of a child process into a bounded ring (the newest lines win), with ANSI colour
/// codes removed, so a failing test can show what the daemon said without unbounded memory use.
/// </summary>
public sealed partial class ProcessLog
{
    private readonly object _gate = new();
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private const string FixtureNote = "[fixture] ";
    private long _dropped;

    public ProcessLog(int capacity = 5000) => _capacity = capacity;

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Add("[stderr] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public void Add(string line)
    {
        string clean = AnsiEscape().Replace(line, "");
        lock (_gate)
        {
            _lines.Enqueue(clean);
            while (_lines.Count > _capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }
        }
    }

    public bool Contains(string text)
    {
        lock (_gate) return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>How many lines the ring holds that contain <paramref name="text"/>.</summary>
    public int CountOf(string text)
    {
        lock (_gate) return _lines.Count(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>Everything the process printed (as far as the ring still holds it), without the fixture's own notes.</summary>
    public string ProcessOutput()
    {
        lock (_gate) return string.Join('\n', _lines.Where(l => !l.StartsWith(FixtureNote, StringComparison.Ordinal)));
    }

    /// <summary>Records a note of the fixture itself (start, readiness), kept apart from the process's own output.</summary>
    public void Note(string text) => Add(FixtureNote + text);

    /// <summary>The last <paramref name="count"/> lines, newest last.</summary>
    public string Tail(int count = 60)
    {
        lock (_gate)
        {
            var tail = _lines.Skip(Math.Max(0, _lines.Count - count)).ToList();
            long omitted = _dropped + _lines.Count - tail.Count;
            string head = omitted > 0 ? $"[… {omitted} earlier lines omitted]\n" : "";
            return head + string.Join('\n', tail);
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
