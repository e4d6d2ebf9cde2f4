using MoneroNet.Node.Netinfo;

namespace MoneroNet.Node.Tests.Netinfo;

/// <summary>Column alignment and sort order of the peer table, checked structurally over many peers.</summary>
public sealed class NetinfoLayoutTests
{
    [Fact]
    public void PeerTable_EveryCellStartsAtItsHeadersColumn_ForLeftAlignedColumnsAndEndsThereForNumbers()
    {
        var snapshot = NetinfoSamples.MoneroNet();
        var text = NetinfoRenderer.Render(snapshot, 3);
        var lines = text.Split('\n');
        var headerIndex = Array.FindIndex(lines, l => l.StartsWith("<->", StringComparison.Ordinal));
        var header = lines[headerIndex];
        var rows = lines.Skip(headerIndex + 1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(snapshot.Peers.Count, rows.Count);
        foreach (var name in new[] { "type", "zone", "state", "proxy", "asn", "id", "address" })
        {
            var start = header.IndexOf("  " + name, StringComparison.Ordinal) + 2;
            Assert.All(rows, r => Assert.True(r[start - 1] == ' ' && r[start] != ' ', $"'{name}' misaligned in: {r}"));
        }
        foreach (var name in new[] { "mping", "ping", "send", "recv", "age", "height" })
        {
            var end = header.IndexOf(" " + name + " ", StringComparison.Ordinal) + name.Length;
            Assert.All(rows, r => Assert.True(r[end] != ' ' && r[end + 1] == ' ', $"'{name}' not right-aligned in: {r}"));
        }
        Assert.All(lines, l => Assert.False(l.EndsWith(' '), $"trailing space: '{l}'"));
    }

    [Fact]
    public void Sorted_PutsOutboundFirst_ThenLowestMinPing_UnmeasuredLast_ThenOldest()
    {
        NetinfoPeer Peer(bool incoming, double? minPing, ulong age, string address) => new()
        {
            Incoming = incoming, Zone = "public", Address = address, PeerId = "", State = "normal", Height = 1,
            AgeSeconds = age, SendIdleSeconds = 0, RecvIdleSeconds = 0, MinPingMs = minPing,
        };
        var peers = new[]
        {
            Peer(true, 0.1, 10, "in-fast"),
            Peer(false, null, 500, "out-unmeasured-old"),
            Peer(false, 3.0, 10, "out-slow"),
            Peer(false, null, 900, "out-unmeasured-older"),
            Peer(false, 0.5, 10, "out-fast"),
            Peer(true, null, 5, "in-unmeasured"),
            Peer(false, 3.0, 20, "out-slow-older"),
        };
        Assert.Equal(
            ["out-fast", "out-slow-older", "out-slow", "out-unmeasured-older", "out-unmeasured-old", "in-fast", "in-unmeasured"],
            NetinfoRenderer.Sorted(peers).Select(p => p.Address));
    }

    [Fact]
    public void Counts_AddUpToThePeers_ByTypeByZoneAndInTotal()
    {
        var snapshot = NetinfoSamples.MoneroNet();
        var rows = NetinfoRenderer.Render(snapshot, 0).Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 4 && f[1].All(char.IsAsciiDigit))
            .ToDictionary(f => f[0], f => (In: int.Parse(f[1]), Out: int.Parse(f[2]), Total: int.Parse(f[3])));
        foreach (var type in NetinfoRenderer.ConnectionTypes)
        {
            Assert.Equal(snapshot.Peers.Count(p => p.ConnectionType == type && p.Incoming), rows[type].In);
            Assert.Equal(snapshot.Peers.Count(p => p.ConnectionType == type && !p.Incoming), rows[type].Out);
        }
        foreach (var zone in NetinfoRenderer.Zones)
            Assert.Equal(snapshot.Peers.Count(p => p.Zone == zone), rows[zone].Total);
        Assert.Equal((2, 2, 4), rows["total"]);
        Assert.False(rows.ContainsKey(NetinfoRenderer.Untyped)); // every MoneroNet peer has a type
    }

    [Theory]
    [InlineData(0UL, "0s")]
    [InlineData(99UL, "99s")]
    [InlineData(100UL, "1m")]
    [InlineData(5_999UL, "99m")]
    [InlineData(6_000UL, "1h")]
    [InlineData(172_799UL, "47h")]
    [InlineData(172_800UL, "2d")]
    public void Duration_ChangesUnitOncePastTwoDigits(ulong seconds, string expected) =>
        Assert.Equal(expected, NetinfoRenderer.Duration(seconds));

    [Theory]
    [InlineData(0.608846, "0.61")]
    [InlineData(12.34, "12.3")]
    [InlineData(250.4, "250")]
    public void Ms_KeepsTwoSignificantDecimalsForFastPeers(double ms, string expected) =>
        Assert.Equal(expected, NetinfoRenderer.Ms(ms));

    [Fact]
    public void NoPeers_SaysSoAtLevelOne()
    {
        var text = NetinfoRenderer.Render(NetinfoSamples.MoneroNet() with { Peers = [] }, 1);
        Assert.Contains("\nNo connections.\n", text);
        Assert.Contains("netinfo: MoneroNet 0.1.0 on stagenet, height 1, up 62m, 0 connections\n", text);
    }
}
