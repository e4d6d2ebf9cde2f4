using System.Globalization;
using System.Net;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Benchmarks.Rpc;

/// <summary>
/// A node that only answers <see cref="INodeQuery.GetConnections"/>, with <c>count</c> idle handshaked incoming
/// IPv4 peers shaped like the load test's (distinct 127.30.x.y hosts, random peer and connection ids).
/// </summary>
internal sealed class FakeConnectionsQuery : INodeQuery
{
    private readonly ConnectionSnapshot[] _connections;

    public FakeConnectionsQuery(int count, long nowUnixSeconds)
    {
        var random = new Random(42);
        _connections = new ConnectionSnapshot[count];
        for (var i = 0; i < count; i++)
        {
            var host = string.Create(CultureInfo.InvariantCulture, $"127.30.{i / 250}.{i % 250 + 1}");
            var port = (ushort)random.Next(20000, 60000);
            var connectionId = new byte[16];
            random.NextBytes(connectionId);
            _connections[i] = new ConnectionSnapshot
            {
                Incoming = true,
                AddressType = 1,
                Address = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}"),
                Host = host,
                Port = port,
                IsLocalIp = false,
                IsLoopback = true,
                ConnectionId = connectionId,
                PeerId = (ulong)random.NextInt64(),
                SupportFlags = 1,
                RpcPort = 0,
                RpcCreditsPerHash = 0,
                PruningSeed = 0,
                State = "normal",
                StartedUnixSeconds = nowUnixSeconds - random.Next(60, 600),
                LastRecvUnixSeconds = nowUnixSeconds - random.Next(0, 60),
                LastSendUnixSeconds = nowUnixSeconds - random.Next(0, 60),
                RecvCount = (ulong)random.Next(300, 5000),
                SendCount = (ulong)random.Next(10000, 60000),
                CurrentDownloadBytesPerSecond = 0,
                CurrentUploadBytesPerSecond = 0,
                Height = 1,
            };
        }
    }

    public IReadOnlyList<ConnectionSnapshot> GetConnections() => _connections;

    public NodeInfoSnapshot GetNodeInfo() => throw new NotSupportedException();

    public NetStatsSnapshot GetNetStats() => throw new NotSupportedException();

    public PeerListsSnapshot GetPeerLists(bool publicOnly) => throw new NotSupportedException();

    public IReadOnlyList<BanSnapshot> GetBans() => throw new NotSupportedException();

    public IReadOnlyList<ClosedConnectionSnapshot> GetClosedConnections(int count) => throw new NotSupportedException();

    public ConnectionStatsSnapshot GetConnectionStats() => throw new NotSupportedException();

    public bool IsBanned(IPAddress address, out long secondsRemaining) => throw new NotSupportedException();
}
