using MoneroNet.Epee;
using MoneroNet.Wire;

namespace MoneroNet.Fuzz;

/// <summary>
/// The typed message decoders of src/MoneroNet.Wire. The first input byte picks the message type (modulo the number
/// of types, in the order of <see cref="Decoders"/>), the rest is the Levin body. Rejection is
/// <see cref="EpeeFormatException"/> or <see cref="WireFormatException"/>, as <see cref="WireCodec"/> documents. Also
/// checked: an accepted message encodes, its encoding decodes without any exception (padded as
/// <see cref="EpeeTarget.Padded"/> explains), and encodes to the same bytes.
/// </summary>
internal static class WireTarget
{
    private static readonly Action<byte[]>[] Decoders =
    [
        RoundTrip<HandshakeRequest>,
        RoundTrip<HandshakeResponse>,
        RoundTrip<TimedSyncRequest>,
        RoundTrip<TimedSyncResponse>,
        RoundTrip<PingRequest>,
        RoundTrip<PingResponse>,
        RoundTrip<SupportFlagsRequest>,
        RoundTrip<SupportFlagsResponse>,
        RoundTrip<NewBlockNotification>,
        RoundTrip<NewTransactionsNotification>,
        RoundTrip<RequestChainNotification>,
        RoundTrip<NewFluffyBlockNotification>,
        RoundTrip<GetTxPoolComplementNotification>,
    ];

    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        Decoders[data[0] % Decoders.Length](data[1..]);
    }

    private static void RoundTrip<T>(byte[] body)
        where T : IWireMessage<T>
    {
        T message;
        try
        {
            message = WireCodec.Decode<T>(body);
        }
        catch (EpeeFormatException)
        {
            return;
        }
        catch (WireFormatException)
        {
            return;
        }

        var encoded = WireCodec.Encode(message);
        var again = WireCodec.Decode<T>(EpeeTarget.Padded(encoded, body.Length));
        if (!encoded.AsSpan().SequenceEqual(WireCodec.Encode(again)))
        {
            throw new FuzzFindingException($"{typeof(T).Name} does not encode to the same bytes after a round trip");
        }
    }
}
