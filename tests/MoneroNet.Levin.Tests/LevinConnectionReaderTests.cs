using System.Buffers;
using System.IO.Pipelines;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

/// <summary>The read loop over an in-memory connection.</summary>
public class LevinConnectionReaderTests
{
    private static readonly byte[] HandshakeBody = CapturedVectors.ReadBytes("p2p_testnet/handshake_request.hex")[LevinHeader.Size..];

    [Fact]
    public async Task Delivers_messages_in_order_and_reports_a_clean_close()
    {
        var (transport, application) = DuplexPipe.CreateConnectionPair();
        byte[] stream = [.. Frames.Request(1001, HandshakeBody), .. Frames.Notification(2002, [1, 2, 3])];
        await application.Output.WriteAsync(stream);
        await application.Output.CompleteAsync();
        var handler = new CollectingHandler();
        using var reader = new LevinConnectionReader();

        LevinReadOutcome outcome = await reader.RunAsync(transport.Input, handler, CancellationToken.None);

        Assert.Equal(new LevinReadOutcome(LevinReadOutcomeKind.RemoteClosed), outcome);
        Assert.Equal([1001u, 2002u], handler.Messages.Select(m => m.Header.Command));
        Assert.Equal(HandshakeBody, handler.Messages[0].Body);
        Assert.Equal(stream.Length, handler.BytesReported);
    }

    [Fact]
    public async Task Dummy_and_fragment_packets_are_reported_with_their_wire_sizes_so_every_byte_is_accounted_for()
    {
        var (transport, application) = DuplexPipe.CreateConnectionPair();
        byte[] dummy = Frames.Build(w => LevinWriter.WriteDummy(w, 100));
        byte[] fragmented = Frames.Build(w => LevinWriter.WriteFragmentedNotification(w, 80, 2002, new byte[100]));
        byte[] ping = Frames.Request(1003, new byte[10]);
        await application.Output.WriteAsync((byte[])[.. dummy, .. fragmented, .. ping]);
        await application.Output.CompleteAsync();
        var handler = new CollectingHandler();
        using var reader = new LevinConnectionReader();

        await reader.RunAsync(transport.Input, handler, CancellationToken.None);

        Assert.Equal([2002u, 1003u], handler.Messages.Select(m => m.Header.Command));
        // The dummy, then every fragment packet but the END one (which delivers the message), 80 bytes each.
        Assert.Equal(dummy.Length, handler.SkippedPackets[0]);
        Assert.True(handler.SkippedPackets.Count >= 2);
        Assert.All(handler.SkippedPackets.Skip(1), size => Assert.Equal(80, size));
        Assert.Equal(dummy.Length + fragmented.Length - 80, handler.SkippedPackets.Sum());
        Assert.Equal(dummy.Length + fragmented.Length + ping.Length, reader.Parser.StreamOffset);
    }

    [Fact]
    public async Task A_protocol_error_reports_the_bytes_it_never_parsed()
    {
        var (transport, application) = DuplexPipe.CreateConnectionPair();
        byte[] garbage = [.. Enumerable.Repeat((byte)0x55, 40)];
        await application.Output.WriteAsync((byte[])[.. Frames.Notification(2002, [5]), .. garbage]);
        using var reader = new LevinConnectionReader();

        LevinReadOutcome outcome = await reader.RunAsync(transport.Input, new CollectingHandler(), CancellationToken.None);

        Assert.Equal(LevinErrorKind.BadSignature, outcome.Error.Kind);
        Assert.Equal(garbage.Length, outcome.TrailingBytes);
    }

    [Fact]
    public async Task Close_in_the_middle_of_a_packet_reports_the_trailing_bytes()
    {
        var (transport, application) = DuplexPipe.CreateConnectionPair();
        byte[] ping = Frames.Request(1003, new byte[10]);
        await application.Output.WriteAsync(ping.AsMemory(0, 20));
        await application.Output.CompleteAsync();
        using var reader = new LevinConnectionReader();

        LevinReadOutcome outcome = await reader.RunAsync(transport.Input, new CollectingHandler(), CancellationToken.None);

        Assert.Equal(LevinReadOutcomeKind.RemoteClosed, outcome.Kind);
        Assert.Equal(20, outcome.TrailingBytes);
    }

    [Fact]
    public async Task Protocol_error_ends_the_loop_with_the_typed_error()
    {
        var (transport, application) = DuplexPipe.CreateConnectionPair();
        var handler = new CollectingHandler();
        using var reader = new LevinConnectionReader();
        Task<LevinReadOutcome> run = reader.RunAsync(transport.Input, handler, CancellationToken.None);

        await application.Output.WriteAsync(Frames.Notification(2002, [5]));
        await application.Output.WriteAsync(Frames.HeaderOnly(LevinHeader.ForRequest(1001, 65_537)));
        LevinReadOutcome outcome = await run;

        Assert.Equal(LevinReadOutcomeKind.Error, outcome.Kind);
        Assert.Equal(LevinErrorKind.PacketTooLarge, outcome.Error.Kind);
        Assert.Equal(LevinHeader.Size + 1, outcome.Error.FrameOffset);
        Assert.Single(handler.Messages);
    }

    [Fact]
    public async Task Handler_can_stop_the_loop_and_the_rest_stays_in_the_pipe()
    {
        var (transport, application) = DuplexPipe.CreateConnectionPair();
        byte[] first = Frames.Notification(2002, [1]);
        byte[] second = Frames.Notification(2002, [2]);
        byte[] both = [.. first, .. second];
        await application.Output.WriteAsync(both);
        using var reader = new LevinConnectionReader();

        LevinReadOutcome outcome = await reader.RunAsync(transport.Input, new CollectingHandler(_ => false), CancellationToken.None);

        Assert.Equal(LevinReadOutcomeKind.HandlerStopped, outcome.Kind);
        ReadResult rest = await transport.Input.ReadAsync();
        Assert.Equal(second, rest.Buffer.ToArray());
        transport.Input.AdvanceTo(rest.Buffer.End);
    }

    [Fact]
    public async Task Cancellation_ends_the_loop_without_throwing()
    {
        var (transport, _) = DuplexPipe.CreateConnectionPair();
        using var cts = new CancellationTokenSource();
        using var reader = new LevinConnectionReader();
        Task<LevinReadOutcome> run = reader.RunAsync(transport.Input, new CollectingHandler(), cts.Token);

        await cts.CancelAsync();

        Assert.Equal(LevinReadOutcomeKind.Cancelled, (await run).Kind);
    }

    [Fact]
    public async Task Cancelled_pending_read_ends_the_loop()
    {
        var (transport, _) = DuplexPipe.CreateConnectionPair();
        using var reader = new LevinConnectionReader();
        Task<LevinReadOutcome> run = reader.RunAsync(transport.Input, new CollectingHandler(), CancellationToken.None);

        transport.Input.CancelPendingRead();

        Assert.Equal(LevinReadOutcomeKind.Cancelled, (await run).Kind);
    }

    [Fact]
    public async Task Raising_the_packet_limit_after_the_handshake_admits_large_notifications()
    {
        byte[] big = new byte[300_000];
        byte[] stream = [.. Frames.Request(1001, HandshakeBody), .. Frames.Notification(2002, big)];

        LevinReadOutcome before = await RunOver(stream, raiseAfterHandshake: false);
        LevinReadOutcome after = await RunOver(stream, raiseAfterHandshake: true);

        Assert.Equal(LevinErrorKind.PacketTooLarge, before.Error.Kind);
        Assert.Equal(LevinReadOutcomeKind.RemoteClosed, after.Kind);

        static async Task<LevinReadOutcome> RunOver(byte[] stream, bool raiseAfterHandshake)
        {
            var (transport, application) = DuplexPipe.CreateConnectionPair();
            using var reader = new LevinConnectionReader();
            var handler = new CollectingHandler(message =>
            {
                if (raiseAfterHandshake && message.Command == 1001)
                    reader.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
                return true;
            });
            Task<LevinReadOutcome> run = reader.RunAsync(transport.Input, handler, CancellationToken.None);
            await application.Output.WriteAsync(stream);
            await application.Output.CompleteAsync();
            return await run;
        }
    }

    [Fact]
    public async Task Body_stays_valid_while_an_asynchronous_handler_awaits()
    {
        var (transport, application) = DuplexPipe.CreateConnectionPair(minimumSegmentSize: 16);
        byte[] stream = [.. Frames.Request(1001, HandshakeBody), .. Frames.Notification(2002, [7, 7, 7])];
        var handler = new YieldingHandler();
        using var reader = new LevinConnectionReader();
        Task<LevinReadOutcome> run = reader.RunAsync(transport.Input, handler, CancellationToken.None);

        foreach (byte[] chunk in stream.Chunk(50))
        {
            await application.Output.WriteAsync(chunk);
        }
        await application.Output.CompleteAsync();

        Assert.Equal(LevinReadOutcomeKind.RemoteClosed, (await run).Kind);
        Assert.Equal(HandshakeBody, handler.Bodies[0]);
        Assert.Equal(new byte[] { 7, 7, 7 }, handler.Bodies[1]);
    }

    private sealed class YieldingHandler : ILevinMessageHandler
    {
        public List<byte[]> Bodies { get; } = [];

        public async ValueTask<bool> HandleAsync(LevinMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            await Task.Delay(1, cancellationToken);
            Bodies.Add(message.Body.ToArray());
            return true;
        }
    }
}
