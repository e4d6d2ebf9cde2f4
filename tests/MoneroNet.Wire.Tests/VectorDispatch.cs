using MoneroNet.Epee;
using MoneroNet.Levin;

namespace MoneroNet.Wire.Tests;

/// <summary>Picks the typed message for a vector's command and direction, as the P2P layer will.</summary>
internal static class VectorDispatch
{
    /// <summary>Decodes the body into its typed message and re-encodes it; null for commands this layer does not type.</summary>
    public static (object Message, byte[] Reencoded)? DecodeAndReencode(Vectors.Vector v)
    {
        bool response = (v.Header.Flags & LevinFlags.Response) != 0;
        var body = v.Body;
        return (v.Header.Command, response) switch
        {
            (P2PCommands.Handshake, false) => RoundTrip<HandshakeRequest>(body),
            (P2PCommands.Handshake, true) => RoundTrip<HandshakeResponse>(body),
            (P2PCommands.TimedSync, false) => RoundTrip<TimedSyncRequest>(body),
            (P2PCommands.TimedSync, true) => RoundTrip<TimedSyncResponse>(body),
            (P2PCommands.Ping, false) => RoundTrip<PingRequest>(body),
            (P2PCommands.Ping, true) => RoundTrip<PingResponse>(body),
            (P2PCommands.RequestSupportFlags, false) => RoundTrip<SupportFlagsRequest>(body),
            (P2PCommands.RequestSupportFlags, true) => RoundTrip<SupportFlagsResponse>(body),
            (CryptonoteCommands.NewBlock, _) => RoundTrip<NewBlockNotification>(body),
            (CryptonoteCommands.NewTransactions, _) => RoundTrip<NewTransactionsNotification>(body),
            (CryptonoteCommands.RequestChain, _) => RoundTrip<RequestChainNotification>(body),
            (CryptonoteCommands.NewFluffyBlock, _) => RoundTrip<NewFluffyBlockNotification>(body),
            (CryptonoteCommands.GetTxPoolComplement, _) => RoundTrip<GetTxPoolComplementNotification>(body),
            _ => null,
        };
    }

    /// <summary>True when the body is portable storage at all (error responses are empty, one probe is garbage).</summary>
    public static bool IsPortableStorage(byte[] body) => EpeeStorage.TryRead(body, EpeeLimits.Levin, out _, out _);

    private static (object, byte[]) RoundTrip<T>(byte[] body) where T : IWireMessage<T>
    {
        T message = WireCodec.Decode<T>(body);
        return (message, WireCodec.Encode(message));
    }
}
