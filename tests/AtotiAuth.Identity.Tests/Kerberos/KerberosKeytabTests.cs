using AtotiAuth.Identity.Kerberos;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Kerberos;

public sealed class KerberosKeytabTests
{
    [Fact]
    public void Parse_KeysOfTwoPrincipals_ListsEachWithVersionAndType()
    {
        var data = new TestKeytab()
            .Key("EXAMPLE.COM", ["HTTP", "auth.example.com"], kvno: 3, encryptionType: 18)
            .Key("EXAMPLE.COM", ["HTTP", "auth.example.com"], kvno: 3, encryptionType: 17)
            .Key("EXAMPLE.COM", ["HTTP", "other.example.com"], kvno: 1)
            .ToArray();

        var keytab = KerberosKeytab.Parse(data);

        Assert.Equal(
            [("HTTP/auth.example.com@EXAMPLE.COM", 3u, 18), ("HTTP/auth.example.com@EXAMPLE.COM", 3u, 17), ("HTTP/other.example.com@EXAMPLE.COM", 1u, 18)],
            keytab.Entries.Select(static e => (e.Principal, e.Kvno, e.EncryptionType)));
    }

    [Fact]
    public void Parse_WideKeyVersion_ReplacesTheEightBitOne()
    {
        var data = new TestKeytab().Key("EXAMPLE.COM", ["HTTP", "auth.example.com"], kvno: 4, wideKvno: 260).ToArray();

        Assert.Equal(260u, KerberosKeytab.Parse(data).Entries.Single().Kvno);
    }

    [Fact]
    public void Parse_HoleOfADeletedEntry_IsSkipped()
    {
        var data = new TestKeytab().Hole(40).Key("EXAMPLE.COM", ["alice"], kvno: 1).ToArray();

        Assert.Equal("alice@EXAMPLE.COM", KerberosKeytab.Parse(data).Entries.Single().Principal);
    }

    [Fact]
    public void Parse_SeparatorInsideAComponent_IsEscapedAsMitDisplaysIt()
    {
        var data = new TestKeytab().Key("EXAMPLE.COM", ["svc/a@b", "host"], kvno: 1).ToArray();

        Assert.Equal("svc\\/a\\@b/host@EXAMPLE.COM", KerberosKeytab.Parse(data).Entries.Single().Principal);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x05, 0x01 })]
    [InlineData(new byte[] { 0x05, 0x02, 0x00, 0x00, 0x00, 0x40, 0x00 })]
    [InlineData(new byte[] { 0x05, 0x02, 0x00, 0x00, 0x00, 0x03, 0x00, 0x01, 0x00 })]
    public void Parse_NotAKeytabOrCutShort_FormatException(byte[] data)
        => Assert.Throws<FormatException>(() => KerberosKeytab.Parse(data));

    [Fact]
    public void Only_OnePrincipal_KeepsItsEntriesAndNothingElse()
    {
        var data = new TestKeytab()
            .Key("EXAMPLE.COM", ["HTTP", "other.example.com"], kvno: 1)
            .Key("EXAMPLE.COM", ["HTTP", "auth.example.com"], kvno: 2)
            .Hole(12)
            .Key("EXAMPLE.COM", ["HTTP", "auth.example.com"], kvno: 3)
            .ToArray();

        var only = KerberosKeytab.Parse(KerberosKeytab.Parse(data).Only("HTTP/auth.example.com@EXAMPLE.COM"));

        Assert.Equal([2u, 3u], only.Entries.Select(static e => e.Kvno));
        Assert.All(only.Entries, static e => Assert.Equal("HTTP/auth.example.com@EXAMPLE.COM", e.Principal));
    }
}
