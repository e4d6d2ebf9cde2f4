using System.Net;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>Applies the RPC layer's changes to a <see cref="FakeNodeQuery"/> and records them in order.</summary>
internal sealed class FakeNodeControl(FakeNodeQuery node) : INodeControl
{
    private readonly object _lock = new();

    public List<string> Calls { get; } = [];

    /// <summary>What /set_log_categories answers as the categories in force (the host's policy is not part of the RPC layer).</summary>
    public string LogCategories { get; private set; } = "";

    public bool SetLogLevel(int level)
    {
        Record($"set_log_level {level}");
        LogCategories = $"preset {level}";
        return true;
    }

    public bool RequestStop()
    {
        Record("stop");
        return true;
    }

    public string? SetLogCategories(string categories)
    {
        Record($"set_log_categories {categories}");
        LogCategories = categories;
        return categories;
    }

    public void SetInPeers(uint limit)
    {
        Record($"in_peers {limit}");
        node.Info = node.Info with { InPeersLimit = limit };
    }

    public void SetOutPeers(uint limit)
    {
        Record($"out_peers {limit}");
        node.Info = node.Info with { OutPeersLimit = limit };
    }

    public RateLimitsSnapshot SetRateLimits(long? upKBps, long? downKBps)
    {
        Record($"set_limit up={upKBps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "keep"} down={downKBps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "keep"}");
        node.RateLimits = new RateLimitsSnapshot(upKBps ?? node.RateLimits.UpKBps, downKBps ?? node.RateLimits.DownKBps);
        return node.RateLimits;
    }

    public void Ban(IPAddress address, TimeSpan duration)
    {
        Record($"ban {address} {duration.TotalSeconds}");
        node.SetHostBan(address, node.Now + (long)duration.TotalSeconds);
    }

    public void Ban(IPNetwork subnet, TimeSpan duration)
    {
        Record($"ban {subnet} {duration.TotalSeconds}");
        node.SetSubnetBan(subnet, node.Now + (long)duration.TotalSeconds);
    }

    /// <summary>The reasons of the bans the RPC set on its own initiative (each also recorded as a ban in <see cref="Calls"/>).</summary>
    public List<string> AutoBanReasons { get; } = [];

    public void AutoBan(IPAddress address, TimeSpan duration, string reason)
    {
        lock (_lock) AutoBanReasons.Add(reason);
        Ban(address, duration);
    }

    public void Unban(IPAddress address)
    {
        Record($"unban {address}");
        node.SetHostBan(address, null);
    }

    public void Unban(IPNetwork subnet)
    {
        Record($"unban {subnet}");
        node.SetSubnetBan(subnet, null);
    }

    private void Record(string call)
    {
        lock (_lock)
        {
            Calls.Add(call);
        }
    }
}
