using System.Threading.Channels;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// SIGHUP's work (re-reading --ban-list and --asn-map) on one tracked loop instead of a task per signal: signals that
/// arrive while a reload is pending fold into it (a bounded channel of one), reloads never overlap, and the host
/// awaits the loop when it stops, so no reload outlives the node.
/// </summary>
internal sealed class ReloadSignal
{
    private readonly Channel<bool> _requests =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _loop;

    /// <param name="reload">Runs once for each request that was not folded into a pending one; must not throw.</param>
    public ReloadSignal(Func<Task> reload)
    {
        _loop = RunAsync(reload);
    }

    /// <summary>Asks for a reload; safe from a signal handler (never blocks).</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Takes no more requests and waits for a reload under way to end.</summary>
    public Task StopAsync()
    {
        _requests.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync(Func<Task> reload)
    {
        await foreach (var _ in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await reload().ConfigureAwait(false);
        }
    }
}
