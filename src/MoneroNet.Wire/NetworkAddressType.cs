namespace MoneroNet.Wire;

/// <summary>epee's <c>address_type</c> ids (net/enums.h), the <c>type</c> key of a network_address.</summary>
public enum NetworkAddressType : byte
{
    /// <summary>No address (type 0).</summary>
    Invalid = 0,
    /// <summary>An IPv4 address and port (type 1).</summary>
    IPv4 = 1,
    /// <summary>An IPv6 address and port (type 2).</summary>
    IPv6 = 2,
    /// <summary>An I2P address (type 3).</summary>
    I2p = 3,
    /// <summary>A Tor onion address (type 4).</summary>
    Tor = 4,
}
