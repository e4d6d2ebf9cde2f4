namespace MoneroNet.Fuzz;

/// <summary>A property a target checks beyond "does not throw" was broken: a finding like any unexpected exception.</summary>
public sealed class FuzzFindingException : Exception
{
    public FuzzFindingException()
    {
    }

    public FuzzFindingException(string message)
        : base(message)
    {
    }

    public FuzzFindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
