// The probe: one connection to one Monero peer, built only from the MoneroNet packages. It dials the address,
// handshakes, pings three times on the same connection and prints what the peer said about itself and the proxy
// check (each ping's peer id against the handshake's: a proxy that relays the ping to another node gives itself
// away with that node's id). docs/LIBRARY.md walks through this file.
//
//   dotnet run --project samples/Probe -- 127.0.0.1:28080 --testnet
//
// Exit code: 0 consistent, 2 mismatch (a proxy), 1 no handshake or a refused ping.
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.P2P;
using MoneroNet.Wire;

if (args.Length == 0 || !IPEndPoint.TryParse(args[0], out var target) || target.Port == 0)
{
    Console.Error.WriteLine("usage: Probe <ip:port> [--mainnet|--testnet|--stagenet]");
    return 1;
}
var network = args.Contains("--testnet") ? NetworkType.Testnet
    : args.Contains("--stagenet") ? NetworkType.Stagenet
    : NetworkType.Mainnet;

// A node of our own that dials only when asked: no seed nodes, one outgoing slot, a listener on a free loopback
// port whose number we do not advertise (my_port 0), so the peer neither lists nor back-pings us.
var options = new P2POptions
{
    Network = network,
    BindAddress = target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? IPAddress.IPv6Loopback : IPAddress.Loopback,
    Port = 0,
    HideMyPort = true,
    UseSeedNodes = false,
    OutPeers = 1,
};
await using var node = new P2PNode(options, NullLoggerFactory.Instance);
await node.StartAsync();

Console.WriteLine($"probing {target} ({network.ToString().ToLowerInvariant()}) as peer {node.Local.PeerId:x16}");
var session = await node.HandshakeAsync(target, TimeSpan.FromSeconds(30));
if (session is null)
{
    Console.WriteLine("handshake: failed (could not connect)");
    return 1;
}
if (!session.HandshakeComplete)
{
    Console.WriteLine($"handshake: failed ({session.CloseReason}: {session.CloseDetail})");
    return 1;
}

var ms = (double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) + " ms" : "-";
Console.WriteLine($"handshake: ok, {ms(session.RoundTrips.LastMs)}");
Console.WriteLine($"peer_id: {session.PeerId:x16}");
Console.WriteLine($"height: {session.Height}");
Console.WriteLine($"top_id: {session.TopId}");
Console.WriteLine($"top_version: {session.TopVersion}");
Console.WriteLine($"support_flags: 0x{session.SupportFlags:x}");
Console.WriteLine($"rpc_port: {session.RpcPort}");
Console.WriteLine($"pruning_seed: 0x{session.PruningSeed:x}");
Console.WriteLine($"my_port: {session.AdvertisedPort}");
Console.WriteLine($"peer_list: {session.HandshakePeerListCount} entries");

int mismatches = 0;
for (int i = 1; i <= 3; i++)
{
    var reply = await node.PingAsync(session);
    if (!reply.Answered)
    {
        Console.WriteLine($"ping {i}: no answer ({session.CloseReason?.ToString() ?? "refused"})");
        Console.WriteLine("proxy_check: unanswered");
        return 1;
    }
    bool same = reply.PeerId == session.PeerId;
    if (!same) mismatches++;
    Console.WriteLine($"ping {i}: {ms(reply.RoundTrip.TotalMilliseconds)}, status {reply.Status}, " +
        $"peer_id {reply.PeerId:x16} ({(same ? "same as handshake" : "DIFFERENT from handshake")})");
}
Console.WriteLine($"rtt: last {ms(session.RoundTrips.LastMs)}, min {ms(session.RoundTrips.MinMs)}");
Console.WriteLine($"proxy_check: {(mismatches == 0 ? "consistent" : "mismatch")}");
return mismatches == 0 ? 0 : 2;
