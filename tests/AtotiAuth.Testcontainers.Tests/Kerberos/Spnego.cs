namespace AtotiAuth.Testcontainers.Tests.Kerberos;

/// <summary>
/// SPNEGO tokens (RFC 4178 §4.2) built by hand for a two-leg exchange: a NegTokenInit that proposes
/// Kerberos without the optimistic token, so the server answers accept-incomplete, then a NegTokenResp
/// carrying the Kerberos token on the next leg.
/// </summary>
public static class Spnego
{
    private static readonly byte[] SpnegoOid = [0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02];
    private static readonly byte[] KerberosOid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];

    public static byte[] InitWithoutToken() => Der(0x60, SpnegoOid, Der(0xa0, Der(0x30, Der(0xa0, Der(0x30, KerberosOid)))));

    public static byte[] ResponseWith(byte[] kerberosToken) => Der(0xa1, Der(0x30, Der(0xa2, Der(0x04, kerberosToken))));

    private static byte[] Der(byte tag, params byte[][] parts)
    {
        var body = parts.SelectMany(static p => p).ToArray();
        byte[] length = body.Length switch
        {
            < 0x80 => [(byte)body.Length],
            < 0x100 => [0x81, (byte)body.Length],
            _ => [0x82, (byte)(body.Length >> 8), (byte)body.Length],
        };
        return [tag, .. length, .. body];
    }
}
