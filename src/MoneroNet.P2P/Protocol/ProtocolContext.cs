using Microsoft.Extensions.Logging;
using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// What the per-peer behaviours share: who we are, monerod's timings, the clock, their log categories, the address
/// book and the node's observer. Everything is fixed at construction.
/// </summary>
internal sealed class ProtocolContext(LocalIdentity local, P2PTimings timings, TimeProvider time, P2PLoggers log,
    IAddressBook addressBook, IPeerObserver observer)
{
    public LocalIdentity Local { get; } = local;
    public P2PTimings Timings { get; } = timings;
    public TimeProvider Time { get; } = time;
    /// <summary>net.conn: per-connection protocol lines.</summary>
    public ILogger Log { get; } = log.Connection;
    /// <summary>net.cn: heights and cryptonote notifications.</summary>
    public ILogger ChainLog { get; } = log.Cryptonote;
    public IAddressBook AddressBook { get; } = addressBook;
    public IPeerObserver Observer { get; } = observer;

    /// <summary>Closes <paramref name="session"/> for <paramref name="reason"/> and adds <paramref name="score"/> fail points.</summary>
    public void CloseWithFail(PeerSession session, DisconnectReason reason, string detail, int score)
    {
        session.Close(reason, detail);
        AddressBook.AddHostFail(session, score, DisconnectReasonNames.NameOf(reason));
    }
}
