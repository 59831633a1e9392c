namespace AtotiAuth.Identity.Ldap;

/// <summary>No configured directory server answered in time: the login is answered 503, never "wrong password".</summary>
internal sealed class LdapUnavailableException : Exception
{
    public LdapUnavailableException()
    {
    }

    public LdapUnavailableException(string message)
        : base(message)
    {
    }

    public LdapUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
