using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// GET /events on the real node with a real monerod peer: each P2P happening the issue names comes out of the
/// stream as it happens, with the connection's id, address and peer id as get_connections prints them.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class EventStreamInteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public Task A_monerod_peer_s_life_and_the_operator_s_changes_come_out_of_the_event_stream() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var ct = group.Token;
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions());
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var response = await http.GetAsync($"http://127.0.0.1:{node.RpcPort}/events", HttpCompletionOption.ResponseHeadersRead, ct);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
            var events = Channel.CreateUnbounded<JsonElement>();
            var reading = ReadEventsAsync(await response.Content.ReadAsStreamAsync(ct), events.Writer, ct);

            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M", ExclusiveNodes = [node.P2PEndPoint] });
            var opened = await NextAsync(events.Reader, "connection_opened", ct);
            var handshake = await NextAsync(events.Reader, "handshake_completed", ct);
            var entry = (await node.Rpc.GetConnectionsAsync(ct)).Single();
            Assert.True(opened.GetProperty("incoming").GetBoolean());
            Assert.Equal(entry.Address, opened.GetProperty("address").GetString());
            Assert.Equal(entry.ConnectionId, opened.GetProperty("connection_id").GetString());
            Assert.Equal(entry.ConnectionId, handshake.GetProperty("connection_id").GetString());
            Assert.Equal(entry.PeerId, handshake.GetProperty("peer_id").GetString());
            Assert.Equal(entry.Height, handshake.GetProperty("height").GetUInt64());

            await node.Rpc.PostUriAsync("out_peers", new { set = true, out_peers = 5 }, ct);
            var limits = await NextAsync(events.Reader, "limits_changed", ct);
            Assert.Equal(5, limits.GetProperty("out_peers").GetInt64());

            await node.Rpc.CallAsync<JsonElement>("set_bans", new { bans = new[] { new { host = "127.0.0.9", ban = true, seconds = 600 } } }, ct);
            var banned = await NextAsync(events.Reader, "ban_added", ct);
            Assert.Equal("127.0.0.9", banned.GetProperty("host").GetString());
            Assert.InRange(banned.GetProperty("seconds").GetInt64(), 590, 600);
            Assert.Equal("rpc", banned.GetProperty("source").GetString());
            await node.Rpc.CallAsync<JsonElement>("set_bans", new { bans = new[] { new { host = "127.0.0.9", ban = false } } }, ct);
            Assert.Equal("127.0.0.9", (await NextAsync(events.Reader, "ban_removed", ct)).GetProperty("host").GetString());

            var before = (await node.Rpc.GetConnectionsAsync(ct)).Single();
            using (var process = Process.GetProcessById(monerod.ProcessId)) process.Kill();
            var closed = await NextAsync(events.Reader, "connection_closed", ct);
            output.WriteLine(closed.GetRawText());
            Assert.Equal(entry.ConnectionId, closed.GetProperty("connection_id").GetString());
            Assert.Equal(entry.PeerId, closed.GetProperty("peer_id").GetString());
            Assert.Matches("^(remote_closed|socket_error)$", closed.GetProperty("reason").GetString());
            Assert.True(closed.GetProperty("recv_bytes").GetUInt64() >= before.RecvCount, "fewer bytes received than get_connections showed");
            Assert.True(closed.GetProperty("send_bytes").GetUInt64() >= before.SendCount, "fewer bytes sent than get_connections showed");
            Assert.True(closed.GetProperty("live_time").GetDouble() >= before.LiveTime, "live time shorter than get_connections showed");
            Assert.Empty(await node.Rpc.GetConnectionsAsync(ct));
            _ = reading;
        });

    [Fact]
    public Task A_peer_s_new_heights_come_out_as_height_changed_each_from_the_last_height_told() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var ct = group.Token;
            var miner = await group.StartMonerodAsync(MonerodOptions.Regtest("R"));
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { Network = DaemonNetwork.Regtest, ExclusiveNodes = [miner.P2PEndPoint] });
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var response = await http.GetAsync($"http://127.0.0.1:{node.RpcPort}/events", HttpCompletionOption.ResponseHeadersRead, ct);
            var events = Channel.CreateUnbounded<JsonElement>();
            var reading = ReadEventsAsync(await response.Content.ReadAsStreamAsync(ct), events.Writer, ct);
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync, cs => cs.Count == 1 && cs[0].State == "normal",
                Within, "the node's connection to the miner is normal", ct);

            var mined = await miner.Rpc.GenerateBlocksAsync(3, ct);
            ulong chainLength = mined.Height + 1;
            var changed = await NextAsync(events.Reader, "height_changed", ct);
            output.WriteLine(changed.GetRawText());
            Assert.Equal(miner.P2PEndPoint.ToString(), changed.GetProperty("address").GetString());
            // monerod announces each block: the heights climb one event at a time, each from the last one told.
            ulong previous = changed.GetProperty("previous_height").GetUInt64();
            ulong height = changed.GetProperty("height").GetUInt64();
            Assert.True(height > previous, $"height {height} after {previous}");
            while (height < chainLength)
            {
                var next = await NextAsync(events.Reader, "height_changed", ct);
                Assert.Equal(height, next.GetProperty("previous_height").GetUInt64());
                height = next.GetProperty("height").GetUInt64();
                Assert.True(height > next.GetProperty("previous_height").GetUInt64());
            }
            Assert.Equal(chainLength, height);

            // No event repeats a height (the node reports every height a peer tells, the bridge only changes): the next
            // one after the chain stops is the next block's, from the last height told.
            mined = await miner.Rpc.GenerateBlocksAsync(1, ct);
            var last = await NextAsync(events.Reader, "height_changed", ct);
            Assert.Equal(chainLength, last.GetProperty("previous_height").GetUInt64());
            Assert.Equal(mined.Height + 1, last.GetProperty("height").GetUInt64());
            _ = reading;
        });

    [Fact]
    public Task A_peer_that_answers_a_ping_with_another_peer_id_comes_out_as_proxy_suspected() =>
        InteropRun.RunAsync(output, TimeSpan.FromSeconds(150), async group =>
        {
            var ct = group.Token;
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions());
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var response = await http.GetAsync($"http://127.0.0.1:{node.RpcPort}/events", HttpCompletionOption.ResponseHeadersRead, ct);
            var events = Channel.CreateUnbounded<JsonElement>();
            var reading = ReadEventsAsync(await response.Content.ReadAsStreamAsync(ct), events.Writer, ct);
            const ulong inner = 0x0badc0ffee15600d;

            await using var proxy = await ProxyPeer.ConnectAsync(System.Net.IPAddress.Loopback, node.P2PEndPoint, inner, ct);
            // The node's pings are spread over the connection's first minute (docs/OBSERVABILITY.md).
            var suspected = await NextAsync(events.Reader, "proxy_suspected", ct, TimeSpan.FromSeconds(90));
            output.WriteLine(suspected.GetRawText());
            Assert.Equal(proxy.Local.ToString(), suspected.GetProperty("address").GetString());
            Assert.Equal(proxy.OuterPeerId.ToString("x16"), suspected.GetProperty("peer_id").GetString());
            Assert.Equal(inner.ToString("x16"), suspected.GetProperty("inner_peer_id").GetString());
            _ = reading;
        });

    private static async Task<JsonElement> NextAsync(ChannelReader<JsonElement> events, string type, CancellationToken ct,
        TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(within ?? Within);
        try
        {
            while (true)
            {
                var e = await events.ReadAsync(timeout.Token);
                if (e.GetProperty("type").GetString() == type) return e;
                Assert.NotEqual("overflow", e.GetProperty("type").GetString());
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"no {type} event within {(within ?? Within).TotalSeconds} s");
        }
    }

    private static async Task ReadEventsAsync(Stream stream, ChannelWriter<JsonElement> events, CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    events.TryWrite(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException) { }
        events.TryComplete();
    }
}
