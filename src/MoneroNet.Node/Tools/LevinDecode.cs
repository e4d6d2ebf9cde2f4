using System.Text;
using System.Text.Json;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.Wire;

namespace MoneroNet.Node.Tools;

/// <summary>
/// <c>moneronet levin-decode FILE... | -</c>: prints every Levin message found in the inputs as indented JSON, one
/// object per message: <c>file</c>, <c>offset</c> (byte offset of the message in the input's decoded bytes),
/// <c>header</c> (signature check, body_length, expect_response, command, command_name, return_code, flags and their
/// names, protocol_version) and <c>body</c> (the portable-storage tree in <see cref="EpeeJson"/>'s form, blobs as
/// <c>"hex:…"</c>; null for an empty body; fragments and noise packets show <c>body_hex</c> instead, since their
/// body is a piece of another message).
/// <para>Each input is hex text (whitespace allowed) or raw bytes, detected by content, holding one or more
/// consecutive messages. A malformed input prints exactly one line to stderr,
/// <c>levin-decode: FILE: offset N: problem</c>, where N is the byte offset of the problem; the messages before it
/// have already been printed. Processing then goes on with the next input, so one bad capture does not hide the
/// others; the exit code is 1 if any input was malformed, else 0 (2 for a call without inputs).</para>
/// </summary>
public static class LevinDecode
{
    public const string ToolName = "levin-decode";
    public const string StdinName = "-";

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    public static int Run(IReadOnlyList<string> inputs, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (inputs.Count == 0)
        {
            stderr.WriteLine($"{ToolName}: usage: {ToolName} FILE... | -");
            return 2;
        }

        int exitCode = 0;
        foreach (string input in inputs)
        {
            if (DecodeInput(input, stdin, stdout) is { } failure)
            {
                stderr.WriteLine($"{ToolName}: {input}: offset {failure.Offset}: {failure.Problem}");
                exitCode = 1;
            }
        }
        return exitCode;
    }

    private readonly record struct Failure(long Offset, string Problem);

    private static Failure? DecodeInput(string input, Stream stdin, TextWriter stdout)
    {
        byte[] data;
        try
        {
            data = input == StdinName ? ReadBounded(stdin) : ReadFileBounded(input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            return new Failure(0, $"cannot read input: {e.Message}");
        }

        if (LevinInput.LooksLikeHex(data))
        {
            if (LevinInput.DecodeHex(data, out string? problem) is not { } decoded) return new Failure(0, problem!);
            data = decoded;
        }
        if (data.Length == 0) return new Failure(0, "empty input");

        long offset = 0;
        while (offset < data.Length)
        {
            var rest = data.AsSpan((int)offset);
            if (rest.Length < LevinHeader.SignatureSize || !LevinHeader.HasSignature(rest))
            {
                return rest.Length < LevinHeader.SignatureSize && rest.SequenceEqual(SignaturePrefix(rest.Length))
                    ? new Failure(offset, $"truncated header: {rest.Length} of {LevinHeader.Size} bytes")
                    : new Failure(offset, $"bad Levin signature {Convert.ToHexStringLower(rest[..Math.Min(rest.Length, LevinHeader.SignatureSize)])} (expected 0121010101010101)");
            }
            if (!LevinHeader.TryRead(rest, out var header))
                return new Failure(offset, $"truncated header: {rest.Length} of {LevinHeader.Size} bytes");

            long available = rest.Length - LevinHeader.Size;
            if (header.BodyLength > (ulong)available)
                return new Failure(offset + LevinHeader.Size, $"truncated body: header declares {header.BodyLength} bytes, {available} present");

            var body = rest.Slice(LevinHeader.Size, (int)header.BodyLength);
            EpeeSection? section = null;
            if (!header.IsFragmentOrDummy && body.Length > 0)
            {
                if (!EpeeStorage.TryRead(body, EpeeLimits.Levin, out section, out var error))
                    return new Failure(offset + LevinHeader.Size + error!.Offset, $"body is not valid portable storage ({error.Kind}): {error.Message}");
            }

            stdout.WriteLine(RenderMessage(input, offset, header, body, section));
            offset += LevinHeader.Size + (long)header.BodyLength;
        }
        return null;
    }

    private static byte[] SignaturePrefix(int length)
    {
        Span<byte> signature = stackalloc byte[LevinHeader.SignatureSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(signature, LevinHeader.Signature);
        return signature[..length].ToArray();
    }

    private static string RenderMessage(string file, long offset, LevinHeader header, ReadOnlySpan<byte> body, EpeeSection? section)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteNumber("offset", offset);
            w.WriteStartObject("header");
            w.WriteBoolean("signature_ok", true);
            w.WriteNumber("body_length", header.BodyLength);
            w.WriteBoolean("expect_response", header.ExpectResponse);
            w.WriteNumber("command", header.Command);
            if (CommandNames.NameOf(header.Command) is { } name) w.WriteString("command_name", name);
            else w.WriteNull("command_name");
            w.WriteNumber("return_code", header.ReturnCode);
            w.WriteNumber("flags", (uint)header.Flags);
            w.WriteStartArray("flag_names");
            foreach (string flag in FlagNames(header.Flags)) w.WriteStringValue(flag);
            w.WriteEndArray();
            w.WriteNumber("protocol_version", header.ProtocolVersion);
            w.WriteEndObject();
            if (section is not null)
            {
                w.WritePropertyName("body");
                EpeeJson.Write(section, w);
            }
            else if (header.IsFragmentOrDummy && body.Length > 0)
            {
                w.WriteNull("body");
                w.WriteString("body_hex", Convert.ToHexStringLower(body));
            }
            else
            {
                w.WriteNull("body");
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Names of the set flag bits (REQUEST, RESPONSE, BEGIN, END); unknown bits as hex.</summary>
    public static IEnumerable<string> FlagNames(LevinFlags flags)
    {
        if ((flags & LevinFlags.Request) != 0) yield return "REQUEST";
        if ((flags & LevinFlags.Response) != 0) yield return "RESPONSE";
        if ((flags & LevinFlags.Begin) != 0) yield return "BEGIN";
        if ((flags & LevinFlags.End) != 0) yield return "END";
        uint unknown = (uint)flags & ~0xFu;
        if (unknown != 0) yield return $"0x{unknown:x}";
    }

    private static byte[] ReadFileBounded(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return ReadBounded(file);
    }

    // Reads to the end, refusing more than MaxInputBytes so that a huge or endless stream cannot exhaust memory.
    private static byte[] ReadBounded(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > LevinInput.MaxInputBytes)
                throw new InvalidDataException($"input larger than {LevinInput.MaxInputBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
