using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Throttling;

namespace AtotiAuth.Identity.Tests.Principals;

public sealed class UserNamesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("Alice.Smith")]
    [InlineData("inspire_m@test.com")]
    [InlineData("jürgen")]
    [InlineData("алиса")]
    [InlineData("山田太郎")]
    [InlineData("山田たろう")]
    [InlineData("tanaka山田")]
    [InlineData("김민준")]
    [InlineData("svc-42")]
    public void Check_OrdinaryNames_Accepted(string userName)
        => Assert.Null(UserNames.Check(userName));

    [Theory]
    [InlineData("ａｌｉｃｅ")]
    [InlineData("𝐚𝐥𝐢𝐜𝐞")]
    [InlineData("ﬁnance")]
    [InlineData("al\u00A0ice")]
    [InlineData("\u212B")]
    public void Check_NamesNfkcWouldChange_Refused(string userName)
        => Assert.Contains("NFKC", UserNames.Check(userName), StringComparison.Ordinal);

    [Theory]
    [InlineData("аlice")]
    [InlineData("alicе")]
    [InlineData("αlice")]
    [InlineData("алисa")]
    [InlineData("김алиса")]
    public void Check_MixedScripts_Refused(string userName)
        => Assert.Contains("scripts", UserNames.Check(userName), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData(" alice")]
    [InlineData("alice\n")]
    public void Check_EmptyControlOrPadded_Refused(string userName)
        => Assert.NotNull(UserNames.Check(userName));

    [Theory]
    [InlineData("alice", "ALICE")]
    [InlineData("Alice", "ALICE")]
    [InlineData("ａｌｉｃｅ", "ALICE")]
    [InlineData("𝐚𝐥𝐢𝐜𝐞", "ALICE")]
    public void Fold_LookAlikes_ShareTheThrottleKey(string userName, string folded)
        => Assert.Equal(folded, UserNames.Fold(userName));

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void Network_Addresses_KeyedByIpv4OrIpv6Slash64(string? address, string network)
        => Assert.Equal(network, LoginThrottle.Network(address));
}
