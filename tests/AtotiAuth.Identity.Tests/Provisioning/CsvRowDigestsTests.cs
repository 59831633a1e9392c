using AtotiAuth.Identity.Provisioning;
using AtotiAuth.Identity.Users;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Tests.Provisioning;

public sealed class CsvRowDigestsTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(static i => (byte)i).ToArray());

    private static readonly CsvUserRow Row = new(2, "alice", "pw-1", UserStatus.Active, ["ROLE_B", "ROLE_A"]);

    [Fact]
    public void Compute_SameRowAndKey_SameDigestWhateverTheRoleOrder()
    {
        var digests = Digests(Key);

        Assert.Equal(digests.Compute(Row), Digests(Key).Compute(Row with { Line = 9, Roles = ["ROLE_A", "ROLE_B"] }));
        Assert.True(digests.IsKeyShared);
    }

    public static TheoryData<string> Changes => ["password", "status", "roles", "name", "shifted field"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Compute_AnyFieldChanged_AnotherDigest(string change)
    {
        var changed = change switch
        {
            "password" => Row with { Password = "pw-2" },
            "status" => Row with { Status = UserStatus.Inactive },
            "roles" => Row with { Roles = ["ROLE_A"] },
            "name" => Row with { UserName = "alicf" },
            _ => Row with { UserName = "alicepw-1", Password = "" },
        };

        Assert.NotEqual(Digests(Key).Compute(Row), Digests(Key).Compute(changed));
    }

    [Fact]
    public void Compute_NoKeyConfigured_EachProcessItsOwnKey()
    {
        var first = Digests(null);

        Assert.False(first.IsKeyShared);
        Assert.NotEqual(first.Compute(Row), Digests(null).Compute(Row));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Validate_WeakOrMalformedKey_FailsNamingTheKey(string key)
    {
        var result = new CsvProvisioningOptionsValidator().Validate(null, new CsvProvisioningOptions { DigestKey = key });

        Assert.True(result.Failed);
        Assert.Contains("AtotiAuth:Identity:Provisioning:DigestKey", result.FailureMessage, StringComparison.Ordinal);
    }

    private static CsvRowDigests Digests(string? key) => new(Options.Create(new CsvProvisioningOptions { DigestKey = key }));
}
