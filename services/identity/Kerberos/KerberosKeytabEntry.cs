namespace AtotiAuth.Identity.Kerberos;

/// <summary>One key of a keytab.</summary>
/// <param name="Principal"><c>name@REALM</c>, as MIT displays it.</param>
/// <param name="Kvno">The key version number.</param>
/// <param name="EncryptionType">The key's encryption type (RFC 3961 numbers: 17 and 18 are AES).</param>
/// <param name="Record">The entry's bytes in the file, size included.</param>
internal sealed record KerberosKeytabEntry(string Principal, uint Kvno, int EncryptionType, byte[] Record);
