namespace MoneroNet.Levin;

/// <summary>Why a Levin stream was rejected. Every kind means monerod would close the connection.</summary>
public enum LevinErrorKind
{
    /// <summary>No error (the default value).</summary>
    None = 0,

    /// <summary>The first 8 bytes of a packet are not the Levin signature.</summary>
    BadSignature,

    /// <summary>A header (outer, or the inner header of a reassembled message) declares a body larger than min(max packet size, command cap).</summary>
    PacketTooLarge,

    /// <summary>The pending reassembly bytes plus the next body would exceed the max packet size.</summary>
    FragmentTooLarge,

    /// <summary>An END fragment completed a reassembled buffer shorter than a Levin header.</summary>
    FragmentTooShortForHeader,

    /// <summary>The reassembled buffer holds fewer body bytes than its inner header declares.</summary>
    FragmentTruncated,
}
