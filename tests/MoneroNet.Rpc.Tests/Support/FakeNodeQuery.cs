namespace MoneroNet.Rpc.Tests.Support;

/// <summary>A node whose connections the test sets.</summary>
internal sealed class FakeNodeQuery(params ConnectionSnapshot[] connections) : INodeQuery
{
    private volatile IReadOnlyList<ConnectionSnapshot> _connections = connections;

    public int Calls;

    public IReadOnlyList<ConnectionSnapshot> Connections
    {
        get => _connections;
        set => _connections = value;
    }

    public IReadOnlyList<ConnectionSnapshot> GetConnections()
    {
        Interlocked.Increment(ref Calls);
        return _connections;
    }
}
