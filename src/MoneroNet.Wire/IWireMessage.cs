using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// A typed Levin message body. <see cref="FromSection"/> loads leniently exactly as monerod's
/// keyvalue_serialization does (unknown keys ignored, missing fields default, integers range-checked) and throws
/// <see cref="WireFormatException"/> where monerod would reject the message; <see cref="ToSection"/> produces the
/// keys and tags monerod writes (the portable-storage writer sorts the keys).
/// </summary>
public interface IWireMessage<TSelf> where TSelf : IWireMessage<TSelf>
{
    /// <summary>The Levin command id this body travels with (a request and its response share it).</summary>
    static abstract uint Command { get; }

    /// <summary>Loads the message from a received body's root section (see the type's remarks on leniency).</summary>
    /// <exception cref="WireFormatException">A field monerod would refuse: wrong type, or out of range.</exception>
    static abstract TSelf FromSection(EpeeSection section);

    /// <summary>The message as the root section of a body, with the keys and type tags monerod writes.</summary>
    EpeeSection ToSection();
}
