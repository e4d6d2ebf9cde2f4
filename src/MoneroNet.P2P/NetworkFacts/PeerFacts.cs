namespace MoneroNet.P2P.NetworkFacts;

/// <summary>The network facts about one peer address: its subnet always, its AS when an ASN map knows the address.</summary>
public readonly record struct PeerFacts(PeerSubnet Subnet, AsnInfo? Asn);
