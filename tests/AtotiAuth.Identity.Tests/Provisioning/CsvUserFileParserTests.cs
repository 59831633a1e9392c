using AtotiAuth.Identity.Provisioning;
using AtotiAuth.Identity.Users;

namespace AtotiAuth.Identity.Tests.Provisioning;

public sealed class CsvUserFileParserTests
{
    [Fact]
    public void Parse_ValidFile_ReadsEveryRow()
    {
        var result = CsvUserFileParser.Parse("User,Password,Status,Roles\r\nalice,pw1,Active,ROLE_SHARE;ROLE_TECH\nbob,\"p,w\"\"2\",Inactive,\n# comment\n\ncarol,pw3,active,ROLE_A|ROLE_B\n");

        Assert.Null(result.HeaderError);
        Assert.Empty(result.Errors);
        Assert.Collection(
            result.Rows,
            r => Assert.Equal((2, "alice", "pw1", UserStatus.Active, "ROLE_SHARE,ROLE_TECH"), (r.Line, r.UserName, r.Password, r.Status, string.Join(',', r.Roles))),
            r => Assert.Equal((3, "bob", "p,w\"2", UserStatus.Inactive, ""), (r.Line, r.UserName, r.Password, r.Status, string.Join(',', r.Roles))),
            r => Assert.Equal((6, "carol", "pw3", UserStatus.Active, "ROLE_A,ROLE_B"), (r.Line, r.UserName, r.Password, r.Status, string.Join(',', r.Roles))));
    }

    [Theory]
    [InlineData("dave,pw,Active,ROLE_USER,extra", "expected 4 fields")]
    [InlineData("dave,pw", "expected 4 fields")]
    [InlineData(",pw,Active,", "User is required")]
    [InlineData("da:ve,pw,Active,", "User must not contain ':'")]
    [InlineData("dave,,Active,", "Password is required")]
    [InlineData("dave,pw,Sleeping,", "Status must be 'Active' or 'Inactive'")]
    [InlineData("dave,\"pw,Active,", "unbalanced quotes")]
    [InlineData("alice,pw,Active,", "already appears on an earlier line")]
    public void Parse_MalformedRow_IsReportedWithLineAndSkipped(string row, string reason)
    {
        var result = CsvUserFileParser.Parse($"User,Password,Status,Roles\nalice,pw,Active,\n{row}\nzoe,pw,Active,\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(["alice", "zoe"], result.Rows.Select(static r => r.UserName));
        Assert.False(result.LastLineIncomplete);
    }

    [Theory]
    [InlineData("alice,pw,Active,\n")]
    [InlineData("Name,Password,Status,Roles\nalice,pw,Active,\n")]
    [InlineData("")]
    public void Parse_WrongOrMissingHeader_AppliesNothing(string text)
    {
        var result = CsvUserFileParser.Parse(text);

        Assert.NotNull(result.HeaderError);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Parse_TruncatedLastLine_IsFlaggedIncomplete()
    {
        var result = CsvUserFileParser.Parse("User,Password,Status,Roles\nalice,pw,Active,\nbob,p");

        Assert.True(result.LastLineIncomplete);
        Assert.Single(result.Rows);
    }
}
