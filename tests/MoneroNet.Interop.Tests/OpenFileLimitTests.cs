using MoneroNet.Interop.Tests.Fixtures;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The node runs with its soft open-file limit at the hard limit: started from a shell whose soft limit is 700, its
/// /proc limits show the hard limit and its log names it (the .NET runtime raises it first; the node checks).
/// </summary>
public sealed class OpenFileLimitTests
{
    [Fact]
    public async Task The_node_raises_its_soft_open_file_limit_to_the_hard_limit()
    {
        using var p2p = PortAllocator.Lease();
        using var rpc = PortAllocator.Lease();
        string dataDir = Directory.CreateTempSubdirectory("moneronet-nofile-").FullName;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string command = $"ulimit -S -n 700 && exec '{dotnet}' '{MoneroNetProcess.NodeAssemblyPath}' --testnet " +
            $"--p2p-bind-ip 127.0.0.1 --p2p-bind-port {p2p.Port} --rpc-bind-ip 127.0.0.1 --rpc-bind-port {rpc.Port} " +
            $"--data-dir '{dataDir}' --add-exclusive-node 127.0.0.1:1 --log-level 1";
        await using var node = ChildProcess.Start("moneronet", "bash", ["-c", command], dataDir);
        try
        {
            string hard = (await File.ReadAllLinesAsync("/proc/self/limits"))
                .Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[4];
            Assert.True(ulong.Parse(hard) > 700, $"this machine's hard limit ({hard}) leaves nothing to raise");

            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.Contains($"Open-file limit raised from 700 to {hard}") || node.Log.Contains($"Open-file limit is {hard}")),
                seen => seen, TimeSpan.FromSeconds(60), "the node logs its open-file limit", CancellationToken.None);
            var limits = (await File.ReadAllLinesAsync($"/proc/{node.Id}/limits"))
                .Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(hard, limits[3]); // soft
            Assert.Equal(hard, limits[4]); // hard
        }
        finally
        {
            node.SendSigTerm();
            await node.WaitForExitAsync(TimeSpan.FromSeconds(10));
            TempDirectory.DeleteQuietly(dataDir);
        }
    }

    [Fact]
    public async Task Incoming_peers_get_only_the_descriptors_left_after_the_rpc_and_files_and_the_rpc_keeps_answering()
    {
        using var p2p = PortAllocator.Lease();
        using var rpc = PortAllocator.Lease();
        string dataDir = Directory.CreateTempSubdirectory("moneronet-nofile-").FullName;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        // Soft and hard limit 700: nothing to raise. Kept: RPC 100 + 4, out-peers 12, one exclusive node, 256 for files.
        const int Incoming = 700 - (104 + 12 + 1 + 256);
        string command = $"ulimit -n 700 && exec '{dotnet}' '{MoneroNetProcess.NodeAssemblyPath}' --testnet " +
            $"--p2p-bind-ip 127.0.0.1 --p2p-bind-port {p2p.Port} --rpc-bind-ip 127.0.0.1 --rpc-bind-port {rpc.Port} " +
            $"--data-dir '{dataDir}' --add-exclusive-node 127.0.0.1:1 --log-level 1";
        await using var node = ChildProcess.Start("moneronet", "bash", ["-c", command], dataDir);
        var sockets = new List<System.Net.Sockets.Socket>();
        using var client = new MonerodRpc(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, rpc.Port));
        try
        {
            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.Contains($"Descriptors: up to {Incoming} for incoming peers")),
                seen => seen, TimeSpan.FromSeconds(60), "the node logs its descriptor budget", CancellationToken.None,
                describe: _ => node.Log.Tail(20));
            await Eventually.MatchAsync(ct => client.GetConnectionsAsync(ct), _ => true, TimeSpan.FromSeconds(60),
                "the RPC answers", CancellationToken.None);

            // 40 more connections than the budget, each from its own address (one per IP is the default limit).
            for (int i = 0; i < Incoming + 40; i++)
            {
                var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
                    System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                s.Bind(new System.Net.IPEndPoint(new System.Net.IPAddress([127, 41, (byte)(i / 250), (byte)(i % 250 + 1)]), 0));
                await s.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, p2p.Port));
                sockets.Add(s);
            }

            // The node holds exactly its budget; the rest are closed at accept. The RPC still answers.
            var listed = await Eventually.MatchAsync(ct => client.GetConnectionsAsync(ct), cs => cs.Count == Incoming,
                TimeSpan.FromSeconds(60), $"{Incoming} incoming connections listed", CancellationToken.None,
                describe: cs => $"{cs.Count} listed");
            Assert.All(listed, c => Assert.True(c.Incoming));
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetConnectionsAsync()));
            Assert.False(node.HasExited, node.Log.Tail());
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
            node.SendSigTerm();
            await node.WaitForExitAsync(TimeSpan.FromSeconds(10));
            TempDirectory.DeleteQuietly(dataDir);
        }
    }
}
