namespace AtotiAuth.Token.Signing;

/// <summary>A key file or the key selection is unusable; the message names the file or setting and the fix.</summary>
internal sealed class SigningKeyException : Exception
{
    public SigningKeyException()
    {
    }

    public SigningKeyException(string message)
        : base(message)
    {
    }

    public SigningKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
