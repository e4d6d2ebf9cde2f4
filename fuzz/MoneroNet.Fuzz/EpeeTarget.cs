using MoneroNet.Epee;

namespace MoneroNet.Fuzz;

/// <summary>
/// The epee portable-storage reader (src/MoneroNet.Epee): the input is a payload. Rejection is
/// <see cref="EpeeFormatException"/>. Also checked: <see cref="EpeeStorage.Validate(ReadOnlySpan{byte}, EpeeLimits)"/>
/// rejects exactly what <see cref="EpeeStorage.Read(ReadOnlySpan{byte}, EpeeLimits)"/> rejects (as it documents); an
/// accepted tree encodes (unless it holds a key the writer documents it refuses: epee reads 255-byte keys but writes
/// at most 254), its encoding reads back (see <see cref="Padded"/>) and encodes to the same bytes, and it renders
/// as JSON.
/// </summary>
internal static class EpeeTarget
{
    public static void Run(byte[] data)
    {
        EpeeSection? section = null;
        EpeeFormatException? readError = null;
        try
        {
            section = EpeeStorage.Read(data, EpeeLimits.Levin);
        }
        catch (EpeeFormatException e)
        {
            readError = e;
        }

        EpeeFormatException? validateError = null;
        try
        {
            EpeeStorage.Validate(data, EpeeLimits.Levin);
        }
        catch (EpeeFormatException e)
        {
            validateError = e;
        }

        if ((readError is null) != (validateError is null))
        {
            throw new FuzzFindingException(
                $"Read and Validate disagree: Read {readError?.Message ?? "accepted"}, Validate {validateError?.Message ?? "accepted"}");
        }

        if (section is null)
        {
            return;
        }

        byte[] encoded;
        try
        {
            encoded = EpeeStorage.ToArray(section);
        }
        catch (ArgumentException e) when (e.ParamName == "key")
        {
            // The writer's documented refusal: epee reads a 255-byte key but will not write one (EpeeWriter).
            return;
        }

        var again = EpeeStorage.Read(Padded(encoded, data.Length), EpeeLimits.Levin);
        if (!encoded.AsSpan().SequenceEqual(EpeeStorage.ToArray(again)))
        {
            throw new FuzzFindingException("an accepted tree does not encode to the same bytes after a round trip");
        }

        _ = EpeeJson.ToIndentedString(section);
    }

    /// <summary>
    /// <paramref name="encoded"/> followed by <paramref name="padding"/> zero bytes, which the reader ignores. epee
    /// checks an array's count against the bytes left in the whole payload (two a string), so an array that was
    /// accepted in front of trailing bytes can be refused at the very end of a shorter re-encoding, by monerod as
    /// here; with the original payload's length appended every count has at least the room it had.
    /// </summary>
    public static byte[] Padded(byte[] encoded, int padding)
    {
        var padded = new byte[encoded.Length + padding];
        encoded.CopyTo(padded, 0);
        return padded;
    }
}
