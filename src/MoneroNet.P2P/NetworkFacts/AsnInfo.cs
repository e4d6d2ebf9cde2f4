namespace MoneroNet.P2P.NetworkFacts;

/// <summary>
/// What an <see cref="AsnMap"/> says about an address: the autonomous system announcing it, the country code the
/// map gives for the range and the AS's name. One instance per distinct (ASN, country) of a map, shared by all its
/// ranges, so a lookup returns a reference and never allocates.
/// </summary>
public sealed class AsnInfo
{
    internal AsnInfo(uint number, string country, string name)
    {
        Number = number;
        Country = country;
        Name = name;
    }

    /// <summary>The AS number (never 0: "Not routed" rows are not kept).</summary>
    public uint Number { get; }

    /// <summary>The map's country code for the range, as written (ISO 3166 alpha-2 in iptoasn's files, e.g. "US").</summary>
    public string Country { get; }

    /// <summary>The AS description; one string per ASN in a map (the first one the file gives).</summary>
    public string Name { get; }

    /// <summary>"AS&lt;number&gt; &lt;country&gt; &lt;name&gt;".</summary>
    public override string ToString() => $"AS{Number} {Country} {Name}";
}
