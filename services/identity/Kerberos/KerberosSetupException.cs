namespace AtotiAuth.Identity.Kerberos;

/// <summary>A Kerberos setting that cannot work on this machine (keytab, GSSAPI library, replay cache); the message says why and what to do.</summary>
internal sealed class KerberosSetupException(string message) : Exception(message);
