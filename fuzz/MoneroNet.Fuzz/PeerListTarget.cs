using MoneroNet.P2P.PeerLists;
using MoneroNet.Wire;

namespace MoneroNet.Fuzz;

/// <summary>
/// The peer-list state file reader (src/MoneroNet.P2P/PeerLists/PeerListFile): the input is the file. Loading
/// reports a bad file in its result (and sets it aside); nothing is documented to throw. Also checked: a state that
/// loaded saves, and the saved file loads back to the same lists.
/// </summary>
internal static class PeerListTarget
{
    public static void Run(byte[] data)
    {
        var path = ScratchFile.Write(PeerListFile.FileName, data);
        var loaded = PeerListFile.LoadAsync(path, NetworkType.Testnet, TimeProvider.System).GetAwaiter().GetResult();
        if (loaded.SetAsidePath is { } aside)
        {
            File.Delete(aside);
        }

        if (loaded.State is not { } state)
        {
            return;
        }

        var copy = ScratchFile.PathFor("saved-" + PeerListFile.FileName);
        PeerListFile.SaveAsync(copy, NetworkType.Testnet, state).GetAwaiter().GetResult();
        var again = PeerListFile.LoadAsync(copy, NetworkType.Testnet, TimeProvider.System).GetAwaiter().GetResult();
        if (again.State is not { } reloaded)
        {
            throw new FuzzFindingException($"a saved state does not load: {again.Problem}");
        }

        if (!reloaded.White.SequenceEqual(state.White) || !reloaded.Gray.SequenceEqual(state.Gray)
            || !reloaded.Anchor.SequenceEqual(state.Anchor))
        {
            throw new FuzzFindingException("a saved state loads back to other lists");
        }
    }
}
