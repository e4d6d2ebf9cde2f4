using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MoneroNet.P2P.Files;

/// <summary>
/// Reads an operator's file (ban list, peer-list state) without ever blocking on it and without reading more than a
/// bound. A plain open of a FIFO blocks until a writer appears, so a SIGHUP on a ban list that is a FIFO would park a
/// thread for ever; on Linux the file is therefore opened with O_NONBLOCK (which returns at once for a FIFO) and
/// refused unless it is seekable, which a FIFO or socket never is. Reading stops one byte past the bound, so a device
/// such as /dev/zero cannot make it read for ever either.
/// </summary>
internal static partial class RegularFile
{
    // Linux's open(2) flags, the same on x86-64 and arm64.
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    /// <summary>The file's text (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    /// <exception cref="IOException">It is not a regular file, is larger than <paramref name="maxBytes"/>, or cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static async Task<string> ReadAllTextAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = OpenForRead(path);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            if (buffer.Length + read > maxBytes) throw new IOException($"{path} is larger than {maxBytes} bytes; refused");
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Opens the file for reading without blocking; refuses one that is not seekable (a FIFO, socket or terminal).</summary>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    /// <exception cref="IOException">It is not a regular file or cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static FileStream OpenForRead(string path)
    {
        var stream = Open(path);
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new IOException($"{path} is not a regular file (a FIFO, socket or terminal); refused");
        }
        return stream;
    }

    private static FileStream Open(string path)
    {
        if (!OperatingSystem.IsLinux()) return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int fd = Open(path, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            const int ENOENT = 2, EACCES = 13;
            throw errno switch
            {
                ENOENT => new FileNotFoundException($"{path} not found", path),
                EACCES => new UnauthorizedAccessException($"{path}: permission denied"),
                _ => new IOException($"{path} could not be opened (errno {errno})"),
            };
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
