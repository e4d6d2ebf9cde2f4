using System.Net;
using System.Text.Json;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>The peer lists in the data dir: saved at stop, reloaded at start, corrupt files set aside, atomic saves.</summary>
public sealed class PeerListPersistenceTests : IDisposable
{
    private const int CorruptEvent = 3010;
    private const int StaleTemporaryEvent = 3017;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "moneronet-p2p-" + Guid.NewGuid().ToString("N"));

    public PeerListPersistenceTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StatePath => Path.Combine(_dir, PeerListFile.FileName);

    private static KnownPeer Entry(string ip, ushort port, ulong id, long lastSeen = 0, uint seed = 0, ushort rpcPort = 0) =>
        new(NetworkAddress.FromIP(IPAddress.Parse(ip), port), id, lastSeen, seed, rpcPort, 0);

    [Fact]
    public async Task Lists_survive_a_restart()
    {
        var peer = await TestNode.StartOnOwnHostAsync(o => o with { AllowLocalIp = true });
        await using (peer)
        {
            var bind = Loopback.Next();
            IReadOnlyList<KnownPeer> white, gray, anchor;
            await using (var node = await TestNode.StartAsync(configure: o => o with { AllowLocalIp = true, DataDir = _dir }, bind: bind))
            {
                Assert.NotNull(await node.Node.ConnectAsync(peer.EndPoint));
                await Poll.UntilAsync(() => node.Node.PeerLists.WhiteCount == 1 && node.Node.PeerLists.Anchor.Count == 1, "peer white and anchor");
                node.Node.PeerLists.MergeGray([Entry("203.0.113.5", 28080, 11, seed: 0x181), Entry("2001:db8::7", 28080, 12, rpcPort: 28089)]);
                white = node.Node.PeerLists.White;
                gray = node.Node.PeerLists.Gray;
                anchor = node.Node.PeerLists.Anchor;
            }
            Assert.True(File.Exists(StatePath));

            // The restarted node must not dial its anchor before we look: no out-peers.
            await using var again = await TestNode.StartAsync(configure: o => o with { AllowLocalIp = true, DataDir = _dir, OutPeers = 0 }, bind: bind);
            Assert.Equal(white, again.Node.PeerLists.White);
            Assert.Equal(gray.OrderBy(e => e.PeerId), again.Node.PeerLists.Gray.OrderBy(e => e.PeerId));
            Assert.Equal(anchor, again.Node.PeerLists.Anchor);
            Assert.Equal(peer.Node.Local.PeerId, again.Node.PeerLists.Anchor[0].PeerId);
        }
    }

    [Fact]
    public async Task Temporary_files_left_by_an_interrupted_save_are_removed_at_start_and_others_are_kept()
    {
        string stale = Path.Combine(_dir, $".{PeerListFile.FileName}.{Guid.NewGuid():N}.tmp");
        string other = Path.Combine(_dir, "operator-notes.tmp");
        await File.WriteAllTextAsync(stale, "{ \"version\": 1, \"white\": [");
        await File.WriteAllTextAsync(other, "not ours");

        await using var node = await TestNode.StartAsync(configure: o => o with { DataDir = _dir });

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(other));
        Assert.Contains(node.Log.Entries, e => e.EventId == StaleTemporaryEvent && e.Message.Contains(stale, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_file_is_set_aside_and_the_node_starts_with_empty_lists()
    {
        await File.WriteAllTextAsync(StatePath, "{ \"version\": 1, \"network\": \"testnet\", \"white\": [ { \"ip\": ");
        await using var node = await TestNode.StartAsync(configure: o => o with { DataDir = _dir });

        Assert.Equal(0, node.Node.PeerLists.WhiteCount);
        Assert.False(File.Exists(StatePath));
        var aside = Assert.Single(Directory.GetFiles(_dir, PeerListFile.FileName + ".corrupt-*"));
        Assert.StartsWith("{ \"version\": 1", await File.ReadAllTextAsync(aside));
        Assert.Contains(node.Log.Entries, e => e.EventId == CorruptEvent);
    }

    [Fact]
    public async Task A_file_with_a_bad_address_is_corrupt_too()
    {
        await File.WriteAllTextAsync(StatePath,
            "{\"version\":1,\"network\":\"testnet\",\"white\":[{\"ip\":\"not-an-ip\",\"port\":1,\"peer_id\":1}],\"gray\":[],\"anchor\":[]}");
        await using var node = await TestNode.StartAsync(configure: o => o with { DataDir = _dir });
        Assert.Single(Directory.GetFiles(_dir, PeerListFile.FileName + ".corrupt-*"));
        Assert.Equal(0, node.Node.PeerLists.WhiteCount);
    }

    [Fact]
    public async Task Saves_replace_the_file_atomically_while_readers_always_see_a_whole_file()
    {
        var big = Enumerable.Range(0, 3000).Select(i => Entry($"10.{i / 250}.{i % 250}.1", 18080, (ulong)i + 1, lastSeen: i)).ToList();
        var small = new PeerListState([Entry("203.0.113.9", 18080, 9, lastSeen: 1)], [], []);
        var large = new PeerListState([], big, []);
        await PeerListFile.SaveAsync(StatePath, NetworkType.Mainnet, small);

        using var stop = new CancellationTokenSource();
        int reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Every read sees the old or the new document, whole: it parses, and is one of the two.
                string text = await File.ReadAllTextAsync(StatePath);
                using var doc = JsonDocument.Parse(text);
                int count = doc.RootElement.GetProperty("white").GetArrayLength() + doc.RootElement.GetProperty("gray").GetArrayLength();
                Assert.True(count is 1 or 3000, $"a file with {count} entries");
                reads++;
            }
        });
        for (int i = 0; i < 40; i++)
            await PeerListFile.SaveAsync(StatePath, NetworkType.Mainnet, i % 2 == 0 ? large : small);
        stop.Cancel();
        await reader;

        Assert.True(reads > 0);
        Assert.Equal([PeerListFile.FileName], Directory.GetFiles(_dir).Select(Path.GetFileName));
        var loaded = await PeerListFile.LoadAsync(StatePath, NetworkType.Mainnet, TimeProvider.System);
        Assert.Equal(small.White, loaded.State!.White);
    }

    [Fact]
    public async Task A_failed_save_leaves_the_previous_file_and_no_temporary_file()
    {
        var state = new PeerListState([Entry("203.0.113.9", 18080, 9, lastSeen: 1)], [], []);
        await PeerListFile.SaveAsync(StatePath, NetworkType.Mainnet, state);
        string before = await File.ReadAllTextAsync(StatePath);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var big = new PeerListState([], Enumerable.Range(0, 3000).Select(i => Entry("203.0.113.1", (ushort)(i + 1), 1)).ToList(), []);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PeerListFile.SaveAsync(StatePath, NetworkType.Mainnet, big, cancelled.Token));

        Assert.Equal(before, await File.ReadAllTextAsync(StatePath));
        Assert.Equal([PeerListFile.FileName], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_fifo_in_place_of_the_state_file_is_refused_at_once_and_left_where_it_is()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [StatePath]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // No writer ever opens the FIFO: a blocking open would never return.
        var loaded = await PeerListFile.LoadAsync(StatePath, NetworkType.Mainnet, TimeProvider.System).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(loaded.State);
        Assert.Contains("not a regular file", loaded.Problem, StringComparison.Ordinal);
        Assert.Null(loaded.SetAsidePath);
        Assert.True(File.Exists(StatePath));
    }

    [Fact]
    public async Task Lists_of_another_network_are_ignored_not_set_aside()
    {
        await PeerListFile.SaveAsync(StatePath, NetworkType.Mainnet, new PeerListState([Entry("203.0.113.9", 18080, 9)], [], []));
        await using var node = await TestNode.StartAsync(NetworkType.Testnet, o => o with { DataDir = _dir });
        Assert.Equal(0, node.Node.PeerLists.WhiteCount);
        Assert.Empty(Directory.GetFiles(_dir, "*.corrupt-*"));
    }
}
