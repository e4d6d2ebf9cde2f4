namespace MoneroNet.P2P.AddressBook;

/// <summary>What <see cref="PeerIdRegistry{THolder}"/> needs of a connection: the peer id it handshaked with and whether it is still open.</summary>
internal interface IPeerIdHolder
{
    ulong PeerId { get; }

    bool IsClosed { get; }
}
