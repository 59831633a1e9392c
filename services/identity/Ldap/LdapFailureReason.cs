namespace AtotiAuth.Identity.Ldap;

/// <summary>A failure as a log argument: <see cref="LdapFailures.Describe"/> runs only when the event is written.</summary>
internal readonly record struct LdapFailureReason(Exception Exception)
{
    public override string ToString() => LdapFailures.Describe(Exception);
}
