using CsCheck;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

/// <summary>Random streams of random packets survive any cutting into writes and segments.</summary>
public class LevinStreamPropertyTests
{
    [Fact]
    public async Task Reader_loop_reports_exactly_the_written_messages_in_order()
    {
        await RandomStreams.Stream.SampleAsync(async generated =>
        {
            var (transport, application) = DuplexPipe.CreateConnectionPair(generated.SegmentSize);
            var handler = new CollectingHandler();
            using var reader = new LevinConnectionReader();
            Task<LevinReadOutcome> run = reader.RunAsync(transport.Input, handler, CancellationToken.None);

            int start = 0;
            foreach (int cut in generated.WriteCuts.Append(generated.Bytes.Length))
            {
                await application.Output.WriteAsync(generated.Bytes.AsMemory(start, cut - start));
                start = cut;
            }
            await application.Output.CompleteAsync();
            LevinReadOutcome outcome = await run;

            Assert.Equal(new LevinReadOutcome(LevinReadOutcomeKind.RemoteClosed), outcome);
            Assert.Equal(generated.Expected.Count, handler.Messages.Count);
            for (int i = 0; i < generated.Expected.Count; i++)
            {
                Assert.Equal(generated.Expected[i].Header, handler.Messages[i].Header);
                Assert.Equal(generated.Expected[i].Body, handler.Messages[i].Body);
                Assert.Equal(generated.Expected[i].WasFragmented, handler.Messages[i].WasFragmented);
            }
            Assert.Equal(generated.Bytes.Length, handler.BytesReported);
            Assert.Equal(generated.Bytes.Length, reader.Parser.StreamOffset);
        }, iter: 300);
    }

    [Fact]
    public void Parser_gives_the_same_messages_for_any_segmentation()
    {
        Gen.Select(RandomStreams.Stream, Gen.Int[1, 5000].Array[0, 40]).Sample((generated, cuts) =>
        {
            using var parser = new LevinFrameParser();
            var (messages, last, _, remaining) = Frames.Drain(parser, SegmentedSequence.Split(generated.Bytes, cuts));

            Assert.Equal(LevinParseStatus.NeedMoreData, last);
            Assert.Equal(0, remaining);
            Assert.Equal(generated.Expected.Select(e => e.Header), messages.Select(m => m.Header));
            Assert.Equal(generated.Expected.Select(e => Convert.ToHexString(e.Body)), messages.Select(m => Convert.ToHexString(m.Body)));
        }, iter: 300);
    }
}
