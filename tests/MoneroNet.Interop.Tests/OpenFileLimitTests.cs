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
}
