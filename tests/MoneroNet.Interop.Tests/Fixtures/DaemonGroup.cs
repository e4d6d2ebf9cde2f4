using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// The daemons of one test. Disposing stops them all (newest first); <see cref="WriteLogs"/> copies every daemon's
/// output tail into the test output, which <see cref="InteropRun.RunAsync"/> does when the test fails.
/// </summary>
public sealed class DaemonGroup(ITestOutputHelper output, CancellationToken token) : IAsyncDisposable
{
    private readonly List<(string Name, ProcessLog Log, IAsyncDisposable Process)> _members = [];

    public ITestOutputHelper Output { get; } = output;

    /// <summary>Cancelled when the test's time budget runs out.</summary>
    public CancellationToken Token { get; } = token;

    public async Task<MonerodProcess> StartMonerodAsync(MonerodOptions options)
    {
        var monerod = await MonerodProcess.StartAsync(options, Token);
        _members.Add((monerod.ToString(), monerod.Log, monerod));
        return monerod;
    }

    public async Task<MoneroNetProcess> StartMoneroNetAsync(MoneroNetOptions options)
    {
        var node = await MoneroNetProcess.StartAsync(options, Token);
        _members.Add((node.ToString(), node.Log, node));
        return node;
    }

    public void WriteLogs(int lines = 200)
    {
        foreach (var (name, log, _) in _members)
            Output.WriteLine($"===== {name}: last {lines} lines =====\n{log.Tail(lines)}\n");
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = _members.Count - 1; i >= 0; i--) await _members[i].Process.DisposeAsync();
        _members.Clear();
    }
}

public static class InteropRun
{
    /// <summary>
    /// Runs one interop test body with a hard time budget. On any failure (including the budget running out) the
    /// daemons' logs go to the test output before the exception is rethrown; the daemons are always stopped.
    /// </summary>
    public static async Task RunAsync(ITestOutputHelper output, TimeSpan budget, Func<DaemonGroup, Task> body)
    {
        using var cts = new CancellationTokenSource(budget);
        await using var group = new DaemonGroup(output, cts.Token);
        try
        {
            // WaitAsync also bounds a body that ignores the token.
            await body(group).WaitAsync(budget + TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            output.WriteLine($"FAILED: {e.GetType().Name}: {e.Message}");
            group.WriteLogs();
            if (e is OperationCanceledException && cts.IsCancellationRequested)
                throw new TimeoutException($"test exceeded its {budget.TotalSeconds:0} s budget", e);
            throw;
        }
    }
}
