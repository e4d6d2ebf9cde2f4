// The listener: accepts Monero peers and prints each handshake, built only from the MoneroNet packages. A peer
// that dials it (monerod --add-exclusive-node 127.0.0.1:<port>) is answered as monerod would answer it, kept
// connected with timed syncs, and printed once its handshake completes. docs/LIBRARY.md describes it.
//
//   dotnet run --project samples/Listener -- --port 38080 --testnet [--count 1]
//
// Stops after --count handshakes, or on Ctrl-C.
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.P2P;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

int port = 0;
int count = int.MaxValue;
var bind = IPAddress.Loopback;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length: port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--bind" when i + 1 < args.Length: bind = IPAddress.Parse(args[++i]); break;
    }
}
var network = args.Contains("--testnet") ? NetworkType.Testnet
    : args.Contains("--stagenet") ? NetworkType.Stagenet
    : NetworkType.Mainnet;

// Accept only: no seed nodes and no outgoing slots, so the node never dials anyone.
var options = new P2POptions
{
    Network = network,
    BindAddress = bind,
    Port = port,
    UseSeedNodes = false,
    OutPeers = 0,
};
await using var node = new P2PNode(options, NullLoggerFactory.Instance);

// PeerHandshaked runs on the connection's read loop and must be quick: it only queues the line, and the main loop
// prints. The queue is bounded; a flood of handshakes drops the oldest lines rather than holding up a connection.
var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
node.PeerHandshaked += session => lines.Writer.TryWrite(Describe(session));

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
await node.StartAsync(stop.Token);
foreach (var endPoint in node.ListenEndPoints)
    Console.WriteLine($"listening on {endPoint} ({network.ToString().ToLowerInvariant()}) as peer {node.Local.PeerId:x16}");

int seen = 0;
try
{
    while (seen < count && await lines.Reader.WaitToReadAsync(stop.Token))
    {
        while (seen < count && lines.Reader.TryRead(out var line))
        {
            Console.WriteLine(line);
            seen++;
        }
    }
}
catch (OperationCanceledException) { }
Console.WriteLine($"stopping after {seen} handshake(s)");
return 0;

static string Describe(PeerSession session) =>
    $"handshake: {(session.Incoming ? "in" : "out")} {session.RemoteEndPoint} peer_id {session.PeerId:x16} " +
    $"height {session.Height} top_id {session.TopId} support_flags 0x{session.SupportFlags:x} " +
    $"rpc_port {session.RpcPort} my_port {session.AdvertisedPort} pruning_seed 0x{session.PruningSeed:x}";
