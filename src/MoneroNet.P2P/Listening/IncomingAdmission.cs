using System.Net;

namespace MoneroNet.P2P.Listening;

/// <summary>Why an incoming connection was not admitted.</summary>
internal enum AdmissionRefusal
{
    None,
    /// <summary>--in-peers reached.</summary>
    InPeersLimit,
    /// <summary>--max-connections-per-ip reached for the connecting host.</summary>
    PerIpLimit,
    /// <summary>The descriptors kept for P2P are all in use (the RPC and files keep theirs).</summary>
    DescriptorBudget,
}

/// <summary>
/// The incoming limits as permits: one is reserved for every admitted connection, under one lock together with the
/// checks, and released when that connection's session ends. A burst of accepts can never overshoot a limit
/// (monerod issue #8367) and nothing walks the open connections per accept. Owns: the in-peers limit, the count of
/// admitted connections, and the count per host (hosts with none left are forgotten).
/// </summary>
internal sealed class IncomingAdmission
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _perHost = [];
    private readonly int _maxPerHost;
    private readonly long _descriptorBudget;
    private long _limit;
    private int _admitted;

    public IncomingAdmission(long limit, int maxPerHost, long descriptorBudget = long.MaxValue)
    {
        _limit = Math.Max(0, limit);
        _maxPerHost = maxPerHost;
        _descriptorBudget = Math.Max(0, descriptorBudget);
    }

    /// <summary>Incoming connections the open-file budget allows, whatever --in-peers says.</summary>
    public long DescriptorBudget => _descriptorBudget;

    /// <summary>The in-peers limit.</summary>
    public long Limit => Volatile.Read(ref _limit);

    /// <summary>The per-IP limit.</summary>
    public int MaxPerHost => _maxPerHost;

    /// <summary>Permits held (admitted connections whose session has not ended).</summary>
    public int Admitted
    {
        get { lock (_lock) return _admitted; }
    }

    /// <summary>Hosts holding a permit (diagnostics, tests).</summary>
    public int TrackedHosts
    {
        get { lock (_lock) return _perHost.Count; }
    }

    /// <summary>Reserves a permit for a connection from <paramref name="host"/>; the refusal when a limit is reached.</summary>
    public AdmissionRefusal TryReserve(IPAddress host)
    {
        lock (_lock)
        {
            if (_admitted >= _limit) return AdmissionRefusal.InPeersLimit;
            if (_admitted >= _descriptorBudget) return AdmissionRefusal.DescriptorBudget;
            int fromHost = _perHost.GetValueOrDefault(host);
            if (fromHost >= _maxPerHost) return AdmissionRefusal.PerIpLimit;
            _admitted++;
            _perHost[host] = fromHost + 1;
            return AdmissionRefusal.None;
        }
    }

    /// <summary>Gives back the permit of a connection from <paramref name="host"/> (its session ended, or never started).</summary>
    public void Release(IPAddress host)
    {
        lock (_lock)
        {
            if (!_perHost.TryGetValue(host, out int fromHost)) return; // never held one: nothing to give back
            _admitted--;
            if (fromHost <= 1) _perHost.Remove(host);
            else _perHost[host] = fromHost - 1;
        }
    }

    /// <summary>Sets the in-peers limit (admitted connections beyond it are the caller's to drop); how many are beyond it.</summary>
    public long SetLimit(long limit)
    {
        limit = Math.Max(0, limit);
        lock (_lock)
        {
            Volatile.Write(ref _limit, limit);
            return Math.Max(0, _admitted - limit);
        }
    }
}
