using System.Globalization;
using System.Text;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Http;

/// <summary>
/// Sends the exact request bytes of real-monerod transcripts to our server (real Kestrel) and compares the answer:
/// status line, body bytes, and monerod's headers.
/// </summary>
public sealed class TranscriptReplayTests
{
    public static TheoryData<string> EnvelopeTranscripts() =>
    [
        "error__bad_json.txt",
        "error__bad_json_brace.txt",
        "error__bad_json_missing_value.txt",
        "error__banned_unparsable_address.txt",
        "error__batch_array.txt",
        "error__empty_body_json_rpc.txt",
        "error__get_connections_as_uri_404.txt",
        "error__invalid_params_type.txt",
        "error__method_not_string.txt",
        "error__missing_method.txt",
        "error__not_json_text.txt",
        "error__unknown_method.txt",
        "error__unknown_uri_404.txt",
        "error__uri_bad_json_400.txt",
        "error__uri_with_query_string.txt",
        "id__big_uint_id.txt",
        "id__float_negative_id.txt",
        "id__missing_id.txt",
        "id__null_id.txt",
        "id__object_id.txt",
        "id__string_id_unknown_method.txt",
        "id__unknown_method_without_id.txt",
        "banned__false.txt",
        "options_request.txt",
    ];

    public static TheoryData<string> GetConnectionsTranscripts() =>
    [
        "get_connections__A_again.txt",
        "get_connections__A_incoming.txt",
        "get_connections__B_outgoing.txt",
        "get_connections__E_three_states.txt",
        "get_connections__H_ipv6_peer.txt",
        "get_connections__R1_after_ban.txt",
        "get_connections__R1_after_in_peers_1.txt",
        "get_connections__R1_regtest.txt",
        "get_connections__R2_after_timed_sync.txt",
        "get_connections__R2_regtest.txt",
        "get_connections__no_connections.txt",
        "jsonrpc__no_params_no_jsonrpc_field.txt",
        "json_rpc__via_GET_with_body.txt",
    ];

    [Theory]
    [MemberData(nameof(EnvelopeTranscripts))]
    public async Task Envelope_answers_match_monerod_byte_for_byte(string name)
    {
        var transcript = Transcript.Load(name);
        await using var server = await RunningServer.StartAsync();

        var actual = await server.SendAsync(transcript.Request);

        var expected = transcript.Response!.BodyText;
        if (Encoding.UTF8.GetString(transcript.Request).Contains("\"get_bans\"", StringComparison.Ordinal))
        {
            expected = MonerodBody.WithEmptyArrays(expected, "bans");
        }

        AssertSameAnswer(transcript.Response!, actual, Encoding.UTF8.GetBytes(expected));
    }

    [Fact]
    public async Task Restricted_server_refuses_get_connections_like_monerod()
    {
        var transcript = Transcript.Load("restricted__get_connections_refused.txt");
        await using var server = await RunningServer.StartAsync(restricted: true, node: new FakeNodeQuery(Snapshots.Ipv4()));

        var actual = await server.SendAsync(transcript.Request);

        AssertSameAnswer(transcript.Response!, actual, transcript.Response!.Body);
        Assert.Equal(0, server.Node.Calls);
    }

    [Theory]
    [MemberData(nameof(GetConnectionsTranscripts))]
    public async Task Get_connections_prints_the_transcript_values_exactly(string name)
    {
        var transcript = Transcript.Load(name);
        await using var server = await RunningServer.StartAsync();
        server.Node.Connections = Snapshots.FromTranscriptBody(transcript.Response!.BodyText, server.Now);

        var actual = await server.SendAsync(transcript.Request);

        AssertSameAnswer(transcript.Response!, actual, ExpectedWithDeliberateDifferences(transcript.Response!.BodyText));
    }

    /// <summary>
    /// monerod's body with MoneroNet's two deliberate differences applied: an empty connection list is printed as
    /// [] instead of leaving the key out, and IPv6 peers get ip/port filled as in monerod master.
    /// </summary>
    internal static byte[] ExpectedWithDeliberateDifferences(string monerodBody)
    {
        var body = monerodBody;
        if (!body.Contains("\"connections\"", StringComparison.Ordinal))
        {
            body = body.Replace("    \"status\": \"OK\"", "    \"connections\": [],\r\n    \"status\": \"OK\"", StringComparison.Ordinal);
        }

        var lines = body.Split("\r\n");
        string? address = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("\"address\": \"[", StringComparison.Ordinal))
            {
                address = line["\"address\": \"".Length..^2];
            }
            else if (address is not null && line == "\"ip\": \"\",")
            {
                lines[i] = lines[i].Replace("\"\"", $"\"{address[1..address.IndexOf(']')]}\"", StringComparison.Ordinal);
            }
            else if (address is not null && line == "\"port\": \"\",")
            {
                lines[i] = lines[i].Replace("\"\"", $"\"{address[(address.LastIndexOf(':') + 1)..]}\"", StringComparison.Ordinal);
                address = null;
            }
        }

        return Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
    }

    internal static void AssertSameAnswer(HttpResponseBytes monerod, HttpResponseBytes ours, byte[] expectedBody)
    {
        Assert.Equal(monerod.StatusLine, ours.StatusLine);
        Assert.Equal(Encoding.UTF8.GetString(expectedBody), ours.BodyText);
        Assert.Equal(expectedBody, ours.Body);
        Assert.Equal(expectedBody.Length.ToString(CultureInfo.InvariantCulture), ours.Header("Content-Length"));
        Assert.Equal(monerod.Header("Content-Type"), ours.Header("Content-Type"));
        Assert.Equal("Epee-based", ours.Header("Server"));
        Assert.Equal("bytes", ours.Header("Accept-Ranges"));
        Assert.Equal(monerod.Header("Connection"), ours.Header("Connection"));
        var lastModified = ours.Header("Last-Modified");
        Assert.NotNull(lastModified);
        Assert.Equal(
            RunningServer.Epoch,
            DateTimeOffset.ParseExact(lastModified, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }
}
