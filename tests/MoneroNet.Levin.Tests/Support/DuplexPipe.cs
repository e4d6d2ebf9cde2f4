using System.IO.Pipelines;

namespace MoneroNet.Levin.Tests.Support;

/// <summary>An in-memory connection: what one side writes to its Output the other reads from its Input (as in Kestrel's tests).</summary>
public sealed class DuplexPipe : IDuplexPipe
{
    private DuplexPipe(PipeReader input, PipeWriter output)
    {
        Input = input;
        Output = output;
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static (DuplexPipe Transport, DuplexPipe Application) CreateConnectionPair(int minimumSegmentSize = 4096)
    {
        var options = new PipeOptions(minimumSegmentSize: minimumSegmentSize, useSynchronizationContext: false);
        var input = new Pipe(options);
        var output = new Pipe(options);
        return (new DuplexPipe(input.Reader, output.Writer), new DuplexPipe(output.Reader, input.Writer));
    }
}
