namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// What a command runs with: the RPC it reads and changes the node through, where it prints, the clock, and — at the
/// node's own prompt only — how to stop the node (<c>exit</c>).
/// </summary>
internal sealed class ConsoleSession(DaemonRpcClient rpc, ConsoleOutput output, TimeProvider time, Func<Task>? stopNode = null)
{
    public DaemonRpcClient Rpc { get; } = rpc ?? throw new ArgumentNullException(nameof(rpc));

    public ConsoleOutput Output { get; } = output ?? throw new ArgumentNullException(nameof(output));

    public TimeProvider Time { get; } = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Stops the node this prompt belongs to; null in the client form (<c>moneronet exit</c>).</summary>
    public Func<Task>? StopNode { get; } = stopNode;

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();
}
