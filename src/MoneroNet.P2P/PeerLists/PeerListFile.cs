using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using MoneroNet.Wire;

namespace MoneroNet.P2P.PeerLists;

/// <summary>
/// The peer lists on disk, as JSON (<c>p2pstate.moneronet.json</c> in the data dir; monerod's own p2pstate.bin is a
/// boost archive we do not imitate). Saving is atomic: the text goes to a temporary file in the same directory, is
/// flushed to disk, then renamed over the old file, so a crash at any moment leaves either the old or the new file,
/// never a torn or empty one. A file that does not load is renamed aside (<c>.corrupt-&lt;time&gt;</c>) and the node
/// starts with empty lists.
/// </summary>
internal static class PeerListFile
{
    public const string FileName = "p2pstate.moneronet.json";
    private const int CurrentVersion = 1;
    /// <summary>Bound on what we read back: three full lists are well under 2 MB.</summary>
    private const long MaxFileBytes = 16L * 1024 * 1024;

    public static async Task SaveAsync(string path, NetworkType network, PeerListState state, CancellationToken cancellationToken = default)
    {
        var doc = new StateDocument
        {
            Version = CurrentVersion,
            Network = network.ToString().ToLowerInvariant(),
            White = state.White.Select(ToRecord).ToList(),
            Gray = state.Gray.Select(ToRecord).ToList(),
            Anchor = state.Anchor.Select(ToRecord).ToList(),
        };
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(fs, doc, PeerListJsonContext.Default.StateDocument, cancellationToken).ConfigureAwait(false);
                await fs.FlushAsync(cancellationToken).ConfigureAwait(false);
                // The data must be on disk before the rename makes it the file: otherwise a crash could leave the new
                // name pointing at an empty file.
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files a save left behind when the process was killed between writing and renaming
    /// (".&lt;name&gt;.&lt;guid&gt;.tmp" beside <paramref name="path"/>); run once at start, before any save can be under
    /// way. Returns the names removed; one that cannot be removed is skipped (the next start tries again).
    /// </summary>
    public static IReadOnlyList<string> RemoveStaleTemporaryFiles(string path)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) return [];
        var removed = new List<string>();
        foreach (string temp in Directory.EnumerateFiles(dir, $".{Path.GetFileName(path)}.*.tmp"))
        {
            try
            {
                File.Delete(temp);
                removed.Add(temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>The outcome of loading: the state (null when there was no usable file) and why not.</summary>
    public sealed record LoadResult(PeerListState? State, string? Problem, string? SetAsidePath);

    public static async Task<LoadResult> LoadAsync(string path, NetworkType network, TimeProvider time)
    {
        if (!File.Exists(path)) return new LoadResult(null, null, null);
        string? problem;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                problem = $"file is {info.Length} bytes (limit {MaxFileBytes})";
            }
            else
            {
                // Opened without blocking and refused unless regular: a FIFO in the file's place would otherwise hold
                // the start for ever (Files/RegularFile.cs).
                await using var fs = Files.RegularFile.OpenForRead(path);
                var doc = await JsonSerializer.DeserializeAsync(fs, PeerListJsonContext.Default.StateDocument).ConfigureAwait(false);
                if (doc is null)
                {
                    problem = "empty document";
                }
                else if (doc.Version != CurrentVersion)
                {
                    problem = $"unknown version {doc.Version}";
                }
                else if (!string.Equals(doc.Network, network.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    // Not corrupt: the lists of another network are simply not ours to use.
                    return new LoadResult(null, $"state file is for network {doc.Network}; ignored", null);
                }
                else
                {
                    var state = new PeerListState(FromRecords(doc.White), FromRecords(doc.Gray), FromRecords(doc.Anchor));
                    return new LoadResult(state, null, null);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            problem = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable is not corrupt: leave the file where it is and start empty.
            return new LoadResult(null, $"could not be read ({ex.Message})", null);
        }
        string aside = $"{path}.corrupt-{time.GetUtcNow():yyyyMMddHHmmssfff}";
        try
        {
            File.Move(path, aside, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still not fatal: the next save replaces the bad file.
            return new LoadResult(null, $"{problem}; could not be set aside ({ex.Message})", null);
        }
        return new LoadResult(null, problem, aside);
    }

    /// <summary>The file of an anonymity zone's lists beside the public one: <c>p2pstate.moneronet.tor.json</c>.</summary>
    public static string ZoneFileName(Zones.NetworkZone zone) => $"p2pstate.moneronet.{Zones.NetworkZones.NameOf(zone)}.json";

    private static EntryRecord ToRecord(KnownPeer e) => new()
    {
        // A Tor/I2P entry (an anonymity zone's file) has its name in "host" and no "ip".
        Ip = e.Address.IPAddress?.ToString(),
        Host = e.Address.IPAddress is null ? e.Address.Host : null,
        Port = e.Address.Port,
        PeerId = e.PeerId,
        LastSeen = e.LastSeenUnixSeconds,
        PruningSeed = e.PruningSeed,
        RpcPort = e.RpcPort,
        RpcCreditsPerHash = e.RpcCreditsPerHash,
    };

    private static List<KnownPeer> FromRecords(List<EntryRecord>? records)
    {
        var list = new List<KnownPeer>();
        if (records is null) return list;
        foreach (var r in records)
        {
            if (r is { Host: { } host })
            {
                if (!NetworkAddress.TryParseAnonymityHost(host, r.Port, out var anonymity, out _))
                    throw new FormatException($"bad peer host '{host}'");
                list.Add(new KnownPeer(anonymity!, r.PeerId, r.LastSeen, r.PruningSeed, r.RpcPort, r.RpcCreditsPerHash));
                continue;
            }
            if (r is null || r.Ip is null || !IPAddress.TryParse(r.Ip, out var ip))
                throw new FormatException($"bad peer address '{r?.Ip}'");
            list.Add(new KnownPeer(NetworkAddress.FromIP(ip, r.Port), r.PeerId, r.LastSeen, r.PruningSeed, r.RpcPort, r.RpcCreditsPerHash));
        }
        return list;
    }

    internal sealed class StateDocument
    {
        [JsonPropertyName("version")] public int Version { get; set; }
        [JsonPropertyName("network")] public string? Network { get; set; }
        [JsonPropertyName("white")] public List<EntryRecord>? White { get; set; }
        [JsonPropertyName("gray")] public List<EntryRecord>? Gray { get; set; }
        /// <summary>Anchor entries; <c>last_seen</c> holds the first-seen time.</summary>
        [JsonPropertyName("anchor")] public List<EntryRecord>? Anchor { get; set; }
    }

    internal sealed class EntryRecord
    {
        [JsonPropertyName("ip")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Ip { get; set; }
        /// <summary>A Tor/I2P entry's name (anonymity zones' files only).</summary>
        [JsonPropertyName("host")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Host { get; set; }
        [JsonPropertyName("port")] public ushort Port { get; set; }
        [JsonPropertyName("peer_id")] public ulong PeerId { get; set; }
        [JsonPropertyName("last_seen")] public long LastSeen { get; set; }
        [JsonPropertyName("pruning_seed")] public uint PruningSeed { get; set; }
        [JsonPropertyName("rpc_port")] public ushort RpcPort { get; set; }
        [JsonPropertyName("rpc_credits_per_hash")] public uint RpcCreditsPerHash { get; set; }
    }
}

[JsonSerializable(typeof(PeerListFile.StateDocument))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class PeerListJsonContext : JsonSerializerContext;
