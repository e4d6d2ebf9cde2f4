using System.Net;
using System.Text.RegularExpressions;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// The two get_connections entries that describe one TCP connection — the dialer's outgoing entry and the listener's
/// incoming one — matched through the kernel's socket table rather than through anything either daemon reports.
/// </summary>
public sealed partial record ConnectionPair(ConnectionInfo Dialer, ConnectionInfo Listener, TcpSocket DialerSocket, IPEndPoint ListenerP2P)
{
    /// <summary>
    /// Finds the connection that the process <paramref name="dialerProcessId"/> opened to <paramref name="listenerP2P"/>,
    /// or null while either side does not list it yet.
    /// </summary>
    public static ConnectionPair? Find(int dialerProcessId, IReadOnlyList<ConnectionInfo> dialerConnections,
        IPEndPoint listenerP2P, IReadOnlyList<ConnectionInfo> listenerConnections)
    {
        var outgoing = dialerConnections.Where(c => !c.Incoming && c.Address == listenerP2P.ToString()).ToList();
        if (outgoing.Count != 1) return null;
        foreach (var socket in SocketTable.EstablishedSockets(dialerProcessId).Where(s => s.Remote.Equals(listenerP2P)))
        {
            var incoming = listenerConnections.Where(c => c.Incoming && c.Address == socket.Local.ToString()).ToList();
            if (incoming.Count == 1) return new ConnectionPair(outgoing[0], incoming[0], socket, listenerP2P);
        }
        return null;
    }

    /// <summary>Both ends list the connection as normal and know each other's peer id (see <see cref="ConnectionInfo.IsHandshaken"/>).</summary>
    public bool BothNormal => Dialer.IsHandshaken && Listener.IsHandshaken;

    /// <summary>
    /// Everything both ends must agree on once the link is quiet: direction, addresses against the real socket,
    /// address fields, states, distinct well-formed peer ids, and byte counters mirrored exactly.
    /// </summary>
    public void AssertMirrored()
    {
        Assert.False(Dialer.Incoming, $"dialer entry marked incoming: {Dialer}");
        Assert.True(Listener.Incoming, $"listener entry not marked incoming: {Listener}");

        // Dialer's view of the listener = the listener's bound P2P endpoint; listener's view of the dialer = the
        // dialer socket's local endpoint, as the kernel reports it.
        AssertAddressFields(Dialer, ListenerP2P);
        AssertAddressFields(Listener, DialerSocket.Local);

        Assert.Equal("normal", Dialer.State);
        Assert.Equal("normal", Listener.State);

        AssertPeerIdFormat(Dialer.PeerId);
        AssertPeerIdFormat(Listener.PeerId);
        Assert.NotEqual(Dialer.PeerId, Listener.PeerId);

        Assert.True(Dialer.RecvCount > 0 && Dialer.SendCount > 0, $"no traffic counted: {Dialer}");
        Assert.Equal(Listener.SendCount, Dialer.RecvCount);
        Assert.Equal(Listener.RecvCount, Dialer.SendCount);
    }

    public static void AssertAddressFields(ConnectionInfo entry, IPEndPoint expected)
    {
        Assert.Equal(expected.ToString(), entry.Address);
        Assert.Equal(expected.Address.ToString(), entry.Host);
        Assert.Equal(expected.Address.ToString(), entry.Ip);
        Assert.Equal(expected.Port.ToString(), entry.Port);
        Assert.Equal(1, entry.AddressType);
        Assert.True(entry.Localhost, $"loopback peer not flagged localhost: {entry}");
        Assert.False(entry.LocalIp, $"loopback peer flagged local_ip: {entry}");
    }

    public static void AssertPeerIdFormat(string peerId)
    {
        Assert.Matches(PeerIdText(), peerId);
        Assert.NotEqual("0000000000000000", peerId);
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex PeerIdText();
}
