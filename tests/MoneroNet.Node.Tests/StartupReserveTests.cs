using MoneroNet.Node.Hosting;

namespace MoneroNet.Node.Tests;

/// <summary>
/// What the node does at start so that running out of descriptors later cannot break it: its assemblies are all
/// loaded (a load that fails for lack of descriptors stays failed), and its thread pool has a fixed size.
/// </summary>
public sealed class StartupReserveTests
{
    [Fact]
    public void Every_assembly_the_node_code_references_is_loaded_after_the_preload()
    {
        var root = typeof(NodeHost).Assembly;
        string appDirectory = AppContext.BaseDirectory;
        int loaded = AssemblyPreload.LoadReferencesOf(root, appDirectory);

        var loadedByName = AppDomain.CurrentDomain.GetAssemblies()
            .GroupBy(a => a.GetName().Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(AppDomain.CurrentDomain.GetAssemblies().Length, loaded);
        // Walk the same graph again without loading anything: every reference of an assembly beside the node is an
        // assembly already loaded (all of them ship beside it or in the framework).
        var walked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<System.Reflection.Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!walked.Add(assembly.GetName().Name!) || !assembly.Location.StartsWith(appDirectory, StringComparison.Ordinal)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                Assert.True(loadedByName.TryGetValue(reference.Name!, out var target),
                    $"{assembly.GetName().Name} references {reference.Name}, which is not loaded");
                pending.Enqueue(target!);
            }
        }
        Assert.Contains("MoneroNet.Epee", walked);
        Assert.Contains("MoneroNet.Wire", walked);
        Assert.Contains("MoneroNet.P2P", walked);
        Assert.Contains("MoneroNet.Rpc", walked);
    }

    [Theory]
    [InlineData(1, 32)]
    [InlineData(2, 32)]
    [InlineData(8, 32)]
    [InlineData(16, 64)]
    [InlineData(64, 256)]
    [InlineData(128, 256)]
    public void The_thread_pool_size_is_four_a_processor_within_32_and_256(int processors, int workers) =>
        Assert.Equal(workers, ThreadPoolReserve.WorkersFor(processors));

    [Fact]
    public void The_runtime_config_keeps_every_thread_pool_worker()
    {
        // The node's runtimeconfig travels with moneronet.dll into this test's output directory.
        string config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "moneronet.runtimeconfig.json"));
        Assert.Contains("\"System.Threading.ThreadPool.ThreadsToKeepAlive\": -1", config, StringComparison.Ordinal);
    }
}
