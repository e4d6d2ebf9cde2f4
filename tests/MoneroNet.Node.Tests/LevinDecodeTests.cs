using System.Text;
using System.Text.Json;
using MoneroNet.Node.Tools;

namespace MoneroNet.Node.Tests;

public sealed class LevinDecodeTests : IDisposable
{
    private static readonly string VectorRoot = Path.Combine(AppContext.BaseDirectory, "TestData", "vectors");
    private const string GarbageBody = "p2p_probe_testnet/malformed_handshake_request__garbage_body.hex";
    private readonly string _tempDir = Directory.CreateTempSubdirectory("levin-decode-tests").FullName;

    public void Dispose() => Directory.Delete(_tempDir, recursive: true);

    public static TheoryData<string> WellFormedVectors => new(
        Directory.GetDirectories(VectorRoot, "p2p_*")
            .SelectMany(d => Directory.GetFiles(d, "*.hex"))
            .Select(f => Path.GetRelativePath(VectorRoot, f).Replace('\\', '/'))
            .Where(n => n != GarbageBody)
            .Order(StringComparer.Ordinal));

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public List<JsonElement> Messages()
        {
            var messages = new List<JsonElement>();
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(Stdout), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
                messages.Add(JsonElement.ParseValue(ref reader));
            return messages;
        }

        public string[] ErrorLines() => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Outcome Run(IReadOnlyList<string> inputs, byte[]? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = LevinDecode.Run(inputs, new MemoryStream(stdin ?? []), stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    private static string VectorPath(string name) => Path.Combine(VectorRoot, name);

    private static byte[] VectorBytes(string name) => Convert.FromHexString(File.ReadAllText(VectorPath(name)).Trim());

    private string WriteTemp(string fileName, byte[] content)
    {
        string path = Path.Combine(_tempDir, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Theory]
    [MemberData(nameof(WellFormedVectors))]
    public void Every_vector_decodes_to_one_message_with_its_header(string name)
    {
        byte[] bytes = VectorBytes(name);
        var outcome = Run([VectorPath(name)]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        var message = Assert.Single(outcome.Messages());
        Assert.Equal(VectorPath(name), message.GetProperty("file").GetString());
        Assert.Equal(0, message.GetProperty("offset").GetInt64());
        var header = message.GetProperty("header");
        Assert.True(header.GetProperty("signature_ok").GetBoolean());
        Assert.Equal((ulong)(bytes.Length - 33), header.GetProperty("body_length").GetUInt64());
        Assert.Equal(BitConverter.ToUInt32(bytes, 17), header.GetProperty("command").GetUInt32());
        Assert.Equal(BitConverter.ToInt32(bytes, 21), header.GetProperty("return_code").GetInt32());
        Assert.Equal(bytes[16] != 0, header.GetProperty("expect_response").GetBoolean());
        Assert.Equal(1U, header.GetProperty("protocol_version").GetUInt32());
        var body = message.GetProperty("body");
        Assert.Equal(bytes.Length == 33 ? JsonValueKind.Null : JsonValueKind.Object, body.ValueKind);
    }

    [Fact]
    public void Handshake_body_shows_named_command_flags_and_hex_blobs()
    {
        var outcome = Run([VectorPath("p2p_testnet/handshake_request.hex")]);
        var message = Assert.Single(outcome.Messages());
        var header = message.GetProperty("header");
        Assert.Equal("COMMAND_HANDSHAKE", header.GetProperty("command_name").GetString());
        Assert.Equal(["REQUEST"], header.GetProperty("flag_names").EnumerateArray().Select(e => e.GetString()));
        var nodeData = message.GetProperty("body").GetProperty("node_data");
        Assert.Equal(39220, nodeData.GetProperty("my_port").GetInt32());
        Assert.Equal(0x63744fe4d3092b75UL, nodeData.GetProperty("peer_id").GetUInt64());
        Assert.Contains("1230f171610441611731008216a1a111", nodeData.GetProperty("network_id").GetString());
        Assert.Contains("48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b",
            message.GetProperty("body").GetProperty("payload_data").GetProperty("top_id").GetString());
    }

    [Fact]
    public void Unknown_command_has_null_name_and_response_flags()
    {
        var message = Assert.Single(Run([VectorPath("p2p_probe_testnet/unknown_command_9999_response__rc_minus6.hex")]).Messages());
        var header = message.GetProperty("header");
        Assert.Equal(JsonValueKind.Null, header.GetProperty("command_name").ValueKind);
        Assert.Equal(-6, header.GetProperty("return_code").GetInt32());
        Assert.Equal(["RESPONSE"], header.GetProperty("flag_names").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Consecutive_messages_in_one_hex_file_with_whitespace_are_all_printed_with_offsets()
    {
        byte[] first = VectorBytes("p2p_testnet/handshake_request.hex");
        byte[] second = VectorBytes("p2p_testnet/get_txpool_complement__before_handshake_response.hex");
        string text = Convert.ToHexStringLower(first) + "\n  " + Convert.ToHexString(second) + "\n";
        string path = WriteTemp("two.hex", Encoding.ASCII.GetBytes(text));

        var outcome = Run([path]);

        Assert.Equal(0, outcome.ExitCode);
        var messages = outcome.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal(0, messages[0].GetProperty("offset").GetInt64());
        Assert.Equal(first.Length, messages[1].GetProperty("offset").GetInt64());
        Assert.Equal("NOTIFY_GET_TXPOOL_COMPLEMENT", messages[1].GetProperty("header").GetProperty("command_name").GetString());
    }

    [Fact]
    public void Raw_bytes_on_stdin_are_detected()
    {
        byte[] raw = [.. VectorBytes("p2p_probe_testnet/ping_request.hex"), .. VectorBytes("p2p_probe_testnet/ping_response.hex")];
        var outcome = Run([LevinDecode.StdinName], raw);

        Assert.Equal(0, outcome.ExitCode);
        var messages = outcome.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal("OK", messages[1].GetProperty("body").GetProperty("status").GetString());
        Assert.Equal("-", messages[1].GetProperty("file").GetString());
    }

    [Fact]
    public void Garbage_body_is_one_error_line_at_the_body_offset()
    {
        var outcome = Run([VectorPath(GarbageBody)]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        string line = Assert.Single(outcome.ErrorLines());
        Assert.StartsWith($"levin-decode: {VectorPath(GarbageBody)}: offset 33: ", line);
        Assert.Contains("portable storage", line);
    }

    [Fact]
    public void Truncated_body_is_one_error_line()
    {
        byte[] bytes = VectorBytes("p2p_testnet/handshake_request.hex");
        string path = WriteTemp("truncated.hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(bytes[..^10])));

        var outcome = Run([path]);

        Assert.Equal(1, outcome.ExitCode);
        string line = Assert.Single(outcome.ErrorLines());
        Assert.Equal($"levin-decode: {path}: offset 33: truncated body: header declares 262 bytes, 252 present", line);
    }

    [Fact]
    public void Truncated_header_is_one_error_line()
    {
        byte[] bytes = VectorBytes("p2p_testnet/handshake_request.hex");
        var outcome = Run(["-"], bytes[..20]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("levin-decode: -: offset 0: truncated header: 20 of 33 bytes", Assert.Single(outcome.ErrorLines()));
    }

    [Fact]
    public void Bad_signature_after_a_good_message_reports_its_offset_and_keeps_the_good_one()
    {
        byte[] good = VectorBytes("p2p_probe_testnet/ping_request.hex");
        byte[] bad = (byte[])good.Clone();
        bad[1] = 0x22;
        string path = WriteTemp("badsig.bin", [.. good, .. bad]);

        var outcome = Run([path]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Single(outcome.Messages());
        string line = Assert.Single(outcome.ErrorLines());
        Assert.StartsWith($"levin-decode: {path}: offset {good.Length}: bad Levin signature", line);
    }

    [Fact]
    public void Odd_hex_and_missing_file_are_one_line_each_and_processing_continues()
    {
        string odd = WriteTemp("odd.hex", Encoding.ASCII.GetBytes("012"));
        string missing = Path.Combine(_tempDir, "does-not-exist.hex");
        string good = VectorPath("p2p_probe_testnet/ping_response.hex");

        var outcome = Run([odd, missing, good]);

        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.ErrorLines();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"levin-decode: {odd}: offset 0: hex text has an odd number of digits", lines[0]);
        Assert.StartsWith($"levin-decode: {missing}: offset 0: cannot read input", lines[1]);
        Assert.Single(outcome.Messages());
        Assert.DoesNotContain("   at ", outcome.Stderr);
    }

    [Fact]
    public void Empty_input_is_an_error_and_no_input_is_usage()
    {
        var empty = Run(["-"], []);
        Assert.Equal(1, empty.ExitCode);
        Assert.Equal("levin-decode: -: offset 0: empty input", Assert.Single(empty.ErrorLines()));

        var none = Run([]);
        Assert.Equal(2, none.ExitCode);
        Assert.Single(none.ErrorLines());
    }

    [Fact]
    public void Fragment_bodies_are_shown_as_hex_not_decoded()
    {
        // A dummy (noise) packet: flags BEGIN|END, command 0, a zero body that is not portable storage.
        byte[] header = Convert.FromHexString("0121010101010101" + "0400000000000000" + "00" + "00000000" + "00000000" + "0c000000" + "01000000");
        var outcome = Run(["-"], [.. header, 0, 0, 0, 0]);

        Assert.Equal(0, outcome.ExitCode);
        var message = Assert.Single(outcome.Messages());
        Assert.Equal(["BEGIN", "END"], message.GetProperty("header").GetProperty("flag_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("00000000", message.GetProperty("body_hex").GetString());
    }
}
