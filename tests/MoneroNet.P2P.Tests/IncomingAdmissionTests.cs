using System.Net;
using MoneroNet.P2P.Listening;

namespace MoneroNet.P2P.Tests;

/// <summary>The incoming limits as permits, without sockets: reserve under one lock, release at session end.</summary>
public class IncomingAdmissionTests
{
    private static readonly IPAddress A = IPAddress.Parse("203.0.113.1");
    private static readonly IPAddress B = IPAddress.Parse("203.0.113.2");

    [Fact]
    public void Permits_stop_at_the_in_peers_limit_and_come_back_on_release()
    {
        var admission = new IncomingAdmission(limit: 2, maxPerHost: 10);
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(A));
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(B));
        Assert.Equal(AdmissionRefusal.InPeersLimit, admission.TryReserve(B));
        admission.Release(A);
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(B));
        Assert.Equal(2, admission.Admitted);
    }

    [Fact]
    public void The_descriptor_budget_bounds_incoming_peers_below_a_higher_in_peers_limit()
    {
        var admission = new IncomingAdmission(limit: 100, maxPerHost: 10, descriptorBudget: 2);
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(A));
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(B));
        Assert.Equal(AdmissionRefusal.DescriptorBudget, admission.TryReserve(B));
        Assert.Equal(100, admission.Limit); // --in-peers is still reported as set
        admission.Release(A);
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(A));
    }

    [Fact]
    public void The_per_host_limit_counts_one_host_and_forgets_hosts_with_none_left()
    {
        var admission = new IncomingAdmission(limit: 100, maxPerHost: 1);
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(A));
        Assert.Equal(AdmissionRefusal.PerIpLimit, admission.TryReserve(A));
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(B));
        admission.Release(A);
        admission.Release(B);
        Assert.Equal(0, admission.Admitted);
        Assert.Equal(0, admission.TrackedHosts);
        // A release without a permit (never admitted) gives nothing back.
        admission.Release(A);
        Assert.Equal(0, admission.Admitted);
    }

    [Fact]
    public void A_parallel_burst_never_overshoots_the_limit()
    {
        var admission = new IncomingAdmission(limit: 50, maxPerHost: 1000);
        int admitted = 0;
        Parallel.For(0, 1000, i =>
        {
            if (admission.TryReserve(new IPAddress([10, 0, (byte)(i / 256), (byte)(i % 256)])) == AdmissionRefusal.None)
                Interlocked.Increment(ref admitted);
        });
        Assert.Equal(50, admitted);
        Assert.Equal(50, admission.Admitted);
    }

    [Fact]
    public void Lowering_the_limit_reports_the_excess_and_refuses_until_it_is_gone()
    {
        var admission = new IncomingAdmission(limit: 10, maxPerHost: 10);
        for (int i = 0; i < 5; i++) admission.TryReserve(A);
        Assert.Equal(3, admission.SetLimit(2));
        Assert.Equal(AdmissionRefusal.InPeersLimit, admission.TryReserve(B));
        for (int i = 0; i < 4; i++) admission.Release(A);
        Assert.Equal(AdmissionRefusal.None, admission.TryReserve(B));
        Assert.Equal(2, admission.SetLimit(-1)); // a negative limit is 0: both permits are excess
    }
}
