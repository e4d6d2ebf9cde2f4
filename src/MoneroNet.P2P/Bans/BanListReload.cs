namespace MoneroNet.P2P.Bans;

/// <summary>What re-reading the --ban-list file did, for the one line the host logs about it.</summary>
/// <param name="Path">The file; null when no --ban-list is configured.</param>
/// <param name="Hosts">Hosts now banned by the file (0 when not reloaded).</param>
/// <param name="Subnets">Subnets now banned by the file (0 when not reloaded).</param>
/// <param name="Error">Why the file was not applied (the previous bans stay); null when it was.</param>
public sealed record BanListReload(string? Path, int Hosts, int Subnets, string? Error)
{
    /// <summary>True when the file's current content is in force.</summary>
    public bool Reloaded => Path is not null && Error is null;
}
