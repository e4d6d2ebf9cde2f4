namespace MoneroNet.Rpc.Security;

/// <summary>
/// The fields of an <c>Authorization: Digest …</c> header, parsed with the grammar monerod's http_auth.cpp accepts:
/// "Digest", then comma-separated <c>name=value</c> pairs with field names from a fixed set (case-insensitive; an
/// unknown name fails the whole header), quoted values kept raw (no unescaping), <c>nc</c> exactly 8 hex digits,
/// <c>response</c> a quoted run of hex byte pairs, and nothing left over. Absent fields are empty strings.
/// </summary>
internal sealed class DigestAuthorization
{
    /// <summary>Headers longer than this are not parsed (a request head is bounded anyway; this bounds the work).</summary>
    private const int MaxLength = 8 * 1024;

    public string Algorithm { get; private set; } = "";
    public string Cnonce { get; private set; } = "";
    public string Nc { get; private set; } = "";
    public string Nonce { get; private set; } = "";
    public string Qop { get; private set; } = "";
    public string Response { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public string UserName { get; private set; } = "";

    /// <summary>The nonce count as a number; null when <c>nc</c> was absent.</summary>
    public uint? Counter => Nc.Length == 8 ? Convert.ToUInt32(Nc, 16) : null;

    public static DigestAuthorization? TryParse(string header)
    {
        if (header.Length > MaxLength)
            return null;
        var reader = new Reader(header);
        reader.SkipSpaces();
        if (!reader.TakeWordIgnoreCase("digest"))
            return null;
        reader.SkipSpaces();

        var result = new DigestAuthorization();
        do
        {
            reader.SkipSpaces();
            if (!result.TryReadField(ref reader))
                return null;
            reader.SkipSpaces();
        }
        while (reader.Take(','));
        return reader.AtEnd ? result : null;
    }

    private bool TryReadField(ref Reader reader)
    {
        var name = reader.TakeFieldName();
        reader.SkipSpaces();
        if (name is null || !reader.Take('='))
            return false;
        reader.SkipSpaces();
        switch (name)
        {
            case "algorithm": return Assign(reader.TakeToken(), v => Algorithm = v);
            case "cnonce": return Assign(reader.TakeQuoted(), v => Cnonce = v);
            case "domain": return reader.TakeQuoted() is not null;
            case "nc": return Assign(reader.TakeHex(8), v => Nc = v);
            case "nonce": return Assign(reader.TakeQuoted(), v => Nonce = v);
            case "opaque": return reader.TakeQuoted() is not null;
            case "qop": return Assign(reader.TakeToken(), v => Qop = v);
            case "realm": return reader.TakeQuoted() is not null; // the server's realm is used, never the client's
            case "response": return Assign(reader.TakeQuotedHexBytes(), v => Response = v);
            case "stale": return reader.TakeToken() is not null;
            case "uri": return Assign(reader.TakeQuoted(), v => Uri = v);
            case "username": return Assign(reader.TakeQuoted(), v => UserName = v);
            default: return false;
        }
    }

    private static bool Assign(string? value, Action<string> set)
    {
        if (value is null)
            return false;
        set(value);
        return true;
    }

    /// <summary>A cursor over the header text; every Take* either consumes what it matched or nothing and returns null/false.</summary>
    private ref struct Reader(string text)
    {
        private static readonly string[] FieldNames =
            ["algorithm", "cnonce", "domain", "nc", "nonce", "opaque", "qop", "realm", "response", "stale", "uri", "username"];

        private const string Separators = "()<>@,;:\\\"/[]?={}";

        private int _at;

        public readonly bool AtEnd => _at == text.Length;

        public void SkipSpaces()
        {
            while (_at < text.Length && text[_at] is ' ' or '\t' or '\r' or '\n' or '\v' or '\f')
                _at++;
        }

        public bool Take(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        public bool TakeWordIgnoreCase(string word)
        {
            if (text.Length - _at < word.Length || string.Compare(text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0)
                return false;
            _at += word.Length;
            return true;
        }

        /// <summary>The longest known field name at the cursor, lower-cased (monerod matches them case-insensitively).</summary>
        public string? TakeFieldName()
        {
            string? best = null;
            foreach (var name in FieldNames)
            {
                if ((best is null || name.Length > best.Length)
                    && text.Length - _at >= name.Length
                    && string.Compare(text, _at, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    best = name;
                }
            }
            if (best is not null)
                _at += best.Length;
            return best;
        }

        /// <summary>A non-empty quoted string; <c>\"</c> does not end it. Returns the raw text between the quotes.</summary>
        public string? TakeQuoted()
        {
            if (_at >= text.Length || text[_at] != '"')
                return null;
            var i = _at + 1;
            var start = i;
            while (i < text.Length && text[i] != '"')
                i += text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '"' ? 2 : 1;
            if (i >= text.Length || i == start)
                return null;
            _at = i + 1;
            return text[start..i];
        }

        /// <summary>An HTTP token (visible ASCII except separators) or a quoted string.</summary>
        public string? TakeToken()
        {
            if (_at < text.Length && text[_at] == '"')
                return TakeQuoted();
            var start = _at;
            var i = _at;
            while (i < text.Length && text[i] is > ' ' and < (char)127 && !Separators.Contains(text[i]))
                i++;
            if (i == start)
                return null;
            _at = i;
            return text[start..i];
        }

        public string? TakeHex(int digits)
        {
            if (text.Length - _at < digits)
                return null;
            for (var i = 0; i < digits; i++)
            {
                if (!char.IsAsciiHexDigit(text[_at + i]))
                    return null;
            }
            var value = text.Substring(_at, digits);
            _at += digits;
            return value;
        }

        /// <summary><c>"</c>, one or more pairs of hex digits, <c>"</c>.</summary>
        public string? TakeQuotedHexBytes()
        {
            if (_at >= text.Length || text[_at] != '"')
                return null;
            var i = _at + 1;
            while (i + 1 < text.Length && char.IsAsciiHexDigit(text[i]) && char.IsAsciiHexDigit(text[i + 1]))
                i += 2;
            if (i == _at + 1 || i >= text.Length || text[i] != '"')
                return null;
            var value = text[(_at + 1)..i];
            _at = i + 1;
            return value;
        }
    }
}
