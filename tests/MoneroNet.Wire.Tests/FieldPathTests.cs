using MoneroNet.Epee;

namespace MoneroNet.Wire.Tests;

/// <summary>
/// A field that fails to load is named by its full dotted path, however deep it sits: list index, nested
/// address, the prefix given to the public <c>FromSection</c> overloads. (The path is built only when thrown.)
/// </summary>
public class FieldPathTests
{
    private static EpeeSection Section(params (string Key, EpeeValue Value)[] entries)
    {
        var s = new EpeeSection();
        foreach (var (k, v) in entries) s.Add(k, v);
        return s;
    }

    private static EpeeValue Obj(params (string Key, EpeeValue Value)[] entries) => EpeeValue.FromSection(Section(entries));

    private static EpeeSection Ipv4Adr(EpeeValue port) =>
        Section(("type", EpeeValue.FromUInt8(1)), ("addr", Obj(("m_ip", EpeeValue.FromUInt32(1)), ("m_port", port))));

    private static EpeeSection PeerList(params EpeeSection[] entries)
    {
        var array = new EpeeArray(EpeeType.Object);
        foreach (var e in entries) array.Add(EpeeValue.FromSection(e));
        return Section(("local_peerlist_new", EpeeValue.FromArray(array)));
    }

    private static EpeeSection Entry(EpeeSection adr, EpeeValue id) => Section(("adr", EpeeValue.FromSection(adr)), ("id", id));

    [Fact]
    public void Inner_address_field_of_a_later_entry_is_named_with_its_index()
    {
        var ok = Entry(Ipv4Adr(EpeeValue.FromUInt16(1)), EpeeValue.FromUInt64(1));
        var bad = Entry(Ipv4Adr(EpeeValue.FromUInt32(70_000)), EpeeValue.FromUInt64(2));
        var e = Assert.Throws<WireFormatException>(() => HandshakeResponse.FromSection(PeerList(ok, ok, bad)));
        Assert.Equal("local_peerlist_new[2].adr.addr.m_port", e.Field);
        Assert.StartsWith("local_peerlist_new[2].adr.addr.m_port: ", e.Message);
    }

    [Fact]
    public void Entry_field_is_named_with_its_index()
    {
        var ok = Entry(Ipv4Adr(EpeeValue.FromUInt16(1)), EpeeValue.FromUInt64(1));
        var bad = Entry(Ipv4Adr(EpeeValue.FromUInt16(1)), EpeeValue.FromString("12x"));
        var e = Assert.Throws<WireFormatException>(() => TimedSyncResponse.FromSection(PeerList(ok, bad)));
        Assert.Equal("local_peerlist_new[1].id", e.Field);
    }

    [Fact]
    public void Public_overloads_prefix_the_given_path()
    {
        var bad = Entry(Ipv4Adr(EpeeValue.FromInt64(-1)), EpeeValue.FromUInt64(1));
        Assert.Equal("peers[9].adr.addr.m_port",
            Assert.Throws<WireFormatException>(() => PeerlistEntry.FromSection(bad, "peers[9].")).Field);
        Assert.Equal("adr.addr.m_port", Assert.Throws<WireFormatException>(() => PeerlistEntry.FromSection(bad)).Field);
        Assert.Equal("x.addr.m_port",
            Assert.Throws<WireFormatException>(() => NetworkAddress.FromSection(Ipv4Adr(EpeeValue.FromInt8(-1)), "x.")).Field);
    }

    [Fact]
    public void Pruned_tx_field_is_named_with_the_block_prefix_and_index()
    {
        var txs = new EpeeArray(EpeeType.Object);
        txs.Add(Obj(("blob", EpeeValue.FromString("a"))));
        txs.Add(Obj(("blob", EpeeValue.FromUInt8(1))));
        var block = Section(("pruned", EpeeValue.FromBool(true)), ("txs", EpeeValue.FromArray(txs)));
        var e = Assert.Throws<WireFormatException>(() => BlockCompleteEntry.FromSection(block, "b."));
        Assert.Equal("b.txs[1].blob", e.Field);
    }
}
