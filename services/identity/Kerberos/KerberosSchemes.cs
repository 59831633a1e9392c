namespace AtotiAuth.Identity.Kerberos;

/// <summary>The Kerberos provider's authentication scheme.</summary>
internal static class KerberosSchemes
{
    /// <summary>SPNEGO (<c>Authorization: Negotiate</c>) with Kerberos tickets.</summary>
    public const string Negotiate = "AtotiAuthKerberos";
}
