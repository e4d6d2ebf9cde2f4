using System.Reflection;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// Loads, at start, the node's own assemblies (those beside it: MoneroNet.*, Serilog, System.CommandLine) and every
/// assembly they reference directly, the framework's included. The runtime otherwise loads an assembly
/// the first time code needs it, opening its file; when the process is out of descriptors at that moment the load
/// fails with FileNotFoundException, and the runtime remembers the failure: every later use fails the same way, long
/// after descriptors are free again. A flood that used up the open-file limit just before the first peer's handshake
/// left the node unable to decode any handshake until restarted (found by the interop test of issue 8's crash). Loaded
/// up front, none of them is left to open later. The framework's assemblies are loaded but their own references are not
/// followed: that closure is about 156 assemblies, each holding two descriptors, where the node's code reaches 49
/// (the rest of what the framework needs it loads while the node starts).
/// </summary>
public static class AssemblyPreload
{
    /// <summary>
    /// Loads the references of <paramref name="root"/>, following those of every assembly that lives in
    /// <paramref name="appDirectory"/>; returns how many assemblies the process has loaded in all.
    /// </summary>
    public static int LoadReferencesOf(Assembly root, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(appDirectory);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { root.GetName().Name! };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            // In a single-file build (deploy/publish.sh) every assembly is inside the executable, Location is empty and
            // nothing is opened later, so there is nothing to preload: the walk stops at the root.
#pragma warning disable IL3000
            if (!assembly.Location.StartsWith(appDirectory, StringComparison.Ordinal) || assembly.Location.Length == 0) continue;
#pragma warning restore IL3000
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !seen.Add(name)) continue;
                try
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
                catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // A reference that is not shipped (an optional dependency of a library) is never used either.
                }
            }
        }
        return AppDomain.CurrentDomain.GetAssemblies().Length;
    }
}
