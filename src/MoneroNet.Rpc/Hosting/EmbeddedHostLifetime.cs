using Microsoft.Extensions.Hosting;

namespace MoneroNet.Rpc.Hosting;

/// <summary>
/// A host lifetime that does nothing: the RPC server lives inside the node, which owns Ctrl+C and SIGTERM. The default
/// console lifetime would react to them on its own.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
