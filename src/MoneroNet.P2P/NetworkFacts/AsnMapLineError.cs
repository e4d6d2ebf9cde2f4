namespace MoneroNet.P2P.NetworkFacts;

/// <summary>Why a line of an ASN map was skipped.</summary>
public enum AsnMapLineError
{
    /// <summary>Not five tab-separated columns.</summary>
    WrongColumnCount,

    /// <summary>range_start or range_end is not a plain IPv4 or IPv6 address.</summary>
    BadAddress,

    /// <summary>range_start and range_end are of different families.</summary>
    MixedFamilies,

    /// <summary>range_start is above range_end.</summary>
    StartAfterEnd,

    /// <summary>AS_number is not a decimal number 0..4294967295.</summary>
    BadAsn,

    /// <summary>country_code is longer than 8 bytes or not printable ASCII.</summary>
    BadCountry,

    /// <summary>Longer than <see cref="AsnMapLimits.MaxLineBytes"/>.</summary>
    LineTooLong,
}
