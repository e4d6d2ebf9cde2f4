namespace MoneroNet.Wire;

/// <summary>epee's <c>address_type</c> ids (net/enums.h), the <c>type</c> key of a network_address.</summary>
public enum NetworkAddressType : byte
{
    Invalid = 0,
    IPv4 = 1,
    IPv6 = 2,
    I2p = 3,
    Tor = 4,
}
