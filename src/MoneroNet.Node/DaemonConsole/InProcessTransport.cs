using System.Text;
using MoneroNet.Rpc.Hosting;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>The prompt's way into the node's RPC methods: <see cref="InProcessRpc"/>, no HTTP, no login, unrestricted.</summary>
internal sealed class InProcessTransport(InProcessRpc rpc) : IDaemonRpcTransport
{
    private readonly InProcessRpc _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));

    public string Address => "in-process";

    public async Task<DaemonRpcAnswer> PostAsync(string path, string body, CancellationToken ct)
    {
        var (status, answer) = await _rpc.PostAsync(path, Encoding.UTF8.GetBytes(body), ct);
        return new DaemonRpcAnswer(status, answer);
    }
}
