using MoneroNet.P2P.Stats;

namespace MoneroNet.P2P.Tests;

/// <summary>ConnectionStats: monerod's m_recv_cnt/m_send_cnt, m_last_recv/m_last_send and current speeds per read/write.</summary>
public class ConnectionStatsTests
{
    [Fact]
    public void Starts_empty()
    {
        var s = new ConnectionStats(1_700_000_000);
        Assert.Equal(1_700_000_000, s.StartedUnixSeconds);
        Assert.Equal(0ul, s.RecvCount);
        Assert.Equal(0ul, s.SendCount);
        Assert.Equal(0ul, s.RecvPackets);
        Assert.Equal(0ul, s.SendPackets);
        Assert.Equal(0, s.LastRecvUnixSeconds);
        Assert.Equal(0, s.LastSendUnixSeconds);
        Assert.Equal(0.0, s.CurrentDownloadBytesPerSecond);
        Assert.Equal(0.0, s.CurrentUploadBytesPerSecond);
    }

    [Fact]
    public void Counts_every_read_and_write_separately()
    {
        var s = new ConnectionStats(100);
        s.OnReceived(295, 101, 5.1);
        s.OnReceived(43, 102, 6.1);
        s.OnSent(295, 103, 7.1);
        Assert.Equal(338ul, s.RecvCount);
        Assert.Equal(2ul, s.RecvPackets);
        Assert.Equal(102, s.LastRecvUnixSeconds);
        Assert.Equal(295ul, s.SendCount);
        Assert.Equal(1ul, s.SendPackets);
        Assert.Equal(103, s.LastSendUnixSeconds);
    }

    [Fact]
    public void Current_speeds_come_from_a_throttle_per_direction()
    {
        var s = new ConnectionStats(100);
        var down = new NetworkThrottle();
        var up = new NetworkThrottle();
        (int bytes, double at)[] reads = [(900, 1.5), (1800, 1.7), (90, 4.2)];
        foreach (var (bytes, at) in reads)
        {
            s.OnReceived(bytes, 100, at);
            Assert.Equal(down.Record(bytes, at), s.CurrentDownloadBytesPerSecond);
        }
        s.OnSent(9000, 100, 2.0);
        Assert.Equal(up.Record(9000, 2.0), s.CurrentUploadBytesPerSecond);
        Assert.Equal(1000.0, s.CurrentUploadBytesPerSecond);
        // The directions are independent.
        Assert.Equal((900 + 1800 + 90) / 9.0, s.CurrentDownloadBytesPerSecond);
    }

    [Fact]
    public void Empty_transfers_change_nothing()
    {
        var s = new ConnectionStats(100);
        s.OnReceived(0, 105, 1.0);
        s.OnSent(0, 105, 1.0);
        Assert.Equal(0ul, s.RecvPackets);
        Assert.Equal(0ul, s.SendPackets);
        Assert.Equal(0, s.LastRecvUnixSeconds);
        Assert.Equal(0, s.LastSendUnixSeconds);
    }
}
