using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// One OS child process started by a test, with its output captured into a <see cref="ProcessLog"/>. Disposing kills
/// the whole process tree if it still runs.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SigHup = 1;
    private const int SigTerm = 15;
    private readonly Process _process;

    private ChildProcess(string name, Process process, ProcessLog log)
    {
        Name = name;
        _process = process;
        Log = log;
        Id = process.Id;
    }

    public string Name { get; }
    public int Id { get; }
    public ProcessLog Log { get; }
    // Remembered at disposal, so a test can still ask after the Process object is gone.
    private int? _exitCodeAfterDispose;

    public bool HasExited => _exitCodeAfterDispose is not null || _process.HasExited;
    public int ExitCode => _exitCodeAfterDispose ?? _process.ExitCode;
    public string CommandLine { get; private init; } = "";

    public static ChildProcess Start(string name, string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A closed stdin means neither daemon can block on or react to a console.
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        var log = new ProcessLog();
        if (!process.Start()) throw new InvalidOperationException($"{name}: could not start {fileName}");
        process.StandardInput.Close();
        log.Attach(process);
        string commandLine = fileName + " " + string.Join(' ', arguments);
        log.Note($"started pid {process.Id}: {commandLine}");
        return new ChildProcess(name, process, log) { CommandLine = commandLine };
    }

    /// <summary>Asks the process to shut down (SIGTERM), as a service manager or Ctrl-C-less shell would.</summary>
    public void SendSigTerm()
    {
        if (_process.HasExited) return;
        if (kill(Id, SigTerm) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"{Name}: kill({Id}, SIGTERM) failed, errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Sends SIGHUP, which MoneroNet takes as "re-read --ban-list".</summary>
    public void SendSigHup()
    {
        if (_process.HasExited) throw new InvalidOperationException($"{Name} has exited; SIGHUP not sent");
        if (kill(Id, SigHup) != 0)
            throw new InvalidOperationException($"{Name}: kill({Id}, SIGHUP) failed, errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; true if it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_exitCodeAfterDispose is not null) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                if (!await WaitForExitAsync(TimeSpan.FromSeconds(10)))
                    Log.Note($"pid {Id} did not exit within 10 s of SIGKILL");
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        _exitCodeAfterDispose = _process.HasExited ? _process.ExitCode : -1;
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
