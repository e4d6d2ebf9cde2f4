using System.Buffers;
using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>Levin body bytes ⇄ typed messages, through portable storage with monerod's Levin reader limits.</summary>
public static class WireCodec
{
    /// <summary>
    /// Decodes a message body. Throws <see cref="EpeeFormatException"/> when the bytes are not acceptable portable
    /// storage (an empty body included), <see cref="WireFormatException"/> when a field cannot be loaded.
    /// Both are cases where monerod rejects the message.
    /// </summary>
    public static T Decode<T>(ReadOnlySpan<byte> body) where T : IWireMessage<T> =>
        T.FromSection(EpeeStorage.Read(body, EpeeLimits.Levin));

    /// <inheritdoc cref="Decode{T}(ReadOnlySpan{byte})"/>
    public static T Decode<T>(in ReadOnlySequence<byte> body) where T : IWireMessage<T> =>
        T.FromSection(EpeeStorage.Read(body, EpeeLimits.Levin));

    /// <summary>Encodes a message body exactly as monerod would (sorted keys, minimal varints, monerod's tags).</summary>
    public static byte[] Encode<T>(T message) where T : IWireMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        return EpeeStorage.ToArray(message.ToSection());
    }

    /// <inheritdoc cref="Encode{T}(T)"/>
    public static void Encode<T>(T message, IBufferWriter<byte> output) where T : IWireMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        EpeeStorage.Write(message.ToSection(), output);
    }
}
