using Microsoft.Extensions.Time.Testing;
using MoneroNet.Node.Netinfo;

namespace MoneroNet.Node.Tests.Netinfo;

/// <summary>--watch: in place in a terminal (ANSI home + clear), plain time-stamped frames when piped.</summary>
public sealed class NetinfoWatchTests
{
    private const char Escape = '\u001b';

    [Fact]
    public void Frame_Once_IsTheRenderingAlone_TerminalOrNot()
    {
        Assert.Equal("text\n", NetinfoFrame.Compose("text\n", watch: false, terminal: true, NetinfoSamples.TakenAt));
        Assert.Equal("text\n", NetinfoFrame.Compose("text\n", watch: false, terminal: false, NetinfoSamples.TakenAt));
    }

    [Fact]
    public void Frame_WatchInATerminal_HomesAndClearsFirst()
    {
        Assert.Equal("\u001b[H\u001b[2Jtext\n", NetinfoFrame.Compose("text\n", watch: true, terminal: true, NetinfoSamples.TakenAt));
    }

    [Fact]
    public void Frame_WatchPiped_HasNoEscapesAndStartsWithItsTime()
    {
        var frame = NetinfoFrame.Compose("text\n", watch: true, terminal: false, NetinfoSamples.TakenAt);
        Assert.Equal("--- 2026-12-03 13:15:05Z ---\ntext\n\n", frame);
        Assert.DoesNotContain(Escape, frame);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Watch_ReadsAgainEveryTwoSeconds_UntilCancelled(bool terminal)
    {
        var time = new FakeTimeProvider(NetinfoSamples.TakenAt);
        using var cancel = new CancellationTokenSource();
        using var readDone = new SemaphoreSlim(0);
        var reads = 0;
        var output = new StringWriter();
        var error = new StringWriter();
        Task<NetinfoSnapshot> Read(CancellationToken ct)
        {
            if (Interlocked.Increment(ref reads) == 3)
                cancel.Cancel(); // Ctrl-C during the third reading
            readDone.Release();
            return Task.FromResult(NetinfoSamples.MoneroNet() with { TakenAt = time.GetUtcNow() });
        }
        var run = NetinfoCommand.RunAsync(Arguments("1", "--watch"), Read, output, error, terminal, time, cancel.Token);
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(await readDone.WaitAsync(TimeSpan.FromSeconds(10)), $"reading {i} never came");
            if (i == 3)
                break;
            time.Advance(TimeSpan.FromSeconds(1.9));
            Assert.Equal(i, Volatile.Read(ref reads)); // not yet: the interval is 2 s
            time.Advance(TimeSpan.FromSeconds(0.1));
        }
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, reads);
        Assert.Equal("", error.ToString());
        var text = output.ToString();
        var rendering = NetinfoRenderer.Render(NetinfoSamples.MoneroNet(), 1);
        if (terminal)
        {
            Assert.Equal(3, text.Split(NetinfoFrame.HomeAndClear).Length - 1);
            Assert.StartsWith(NetinfoFrame.HomeAndClear + rendering, text, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(Escape, text);
            Assert.StartsWith("--- 2026-12-03 13:15:05Z ---\n" + rendering + "\n", text, StringComparison.Ordinal);
            Assert.Contains("\n--- 2026-12-03 13:15:07Z ---\n", text);
            Assert.Contains("\n--- 2026-12-03 13:15:09Z ---\n", text);
        }
    }

    [Fact]
    public async Task Once_PrintsOneRenderingAndExitsZero()
    {
        var output = new StringWriter();
        var code = await NetinfoCommand.RunAsync(Arguments("2"), _ => Task.FromResult(NetinfoSamples.MoneroNet()),
            output, new StringWriter(), terminal: true, TimeProvider.System, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Equal(NetinfoRenderer.Render(NetinfoSamples.MoneroNet(), 2), output.ToString());
    }

    [Fact]
    public async Task AFailedReading_PrintsOneLineOnStderrAndExitsOne_InWatchModeToo()
    {
        var time = new FakeTimeProvider(NetinfoSamples.TakenAt);
        var reads = 0;
        Task<NetinfoSnapshot> Read(CancellationToken ct) => ++reads == 1
            ? Task.FromResult(NetinfoSamples.MoneroNet())
            : throw new NetinfoException("netinfo: cannot reach the node's RPC at 127.0.0.1:1: Connection refused");
        var output = new StringWriter();
        var error = new StringWriter();
        var run = NetinfoCommand.RunAsync(Arguments("--watch"), Read, output, error, terminal: false, time, CancellationToken.None);
        time.Advance(NetinfoCommand.WatchInterval);
        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("netinfo: cannot reach the node's RPC at 127.0.0.1:1: Connection refused\n", error.ToString());
        Assert.Contains("Local addresses", output.ToString()); // the first frame was printed
    }

    private static NetinfoArguments Arguments(params string[] args) =>
        NetinfoArguments.Parse(args).Arguments ?? throw new InvalidOperationException("bad test arguments");
}
