using System.Reflection;
using System.Text.RegularExpressions;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Hosting;

public sealed partial class IdentityProblemsTests
{
    /// <summary>The shared codes the identity service answers besides its own.</summary>
    private static readonly ProblemCode[] SharedAnswered =
    [
        CommonProblems.MissingCredentials, CommonProblems.SessionInvalid, CommonProblems.MissingRole, CommonProblems.StoreUnavailable,
        PasswordGrantProblems.InvalidCredentials, PasswordGrantProblems.LoginLocked, PasswordGrantProblems.DirectoryUnavailable,
    ];

    private static IReadOnlyList<ProblemCode> Table(Type table) =>
        [.. table.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(static p => p.PropertyType == typeof(ProblemCode))
            .Select(static p => (ProblemCode)p.GetValue(null)!)];

    private static IEnumerable<string> SharedCodes() =>
        Table(typeof(CommonProblems)).Concat(Table(typeof(PasswordGrantProblems))).Select(static p => p.Code)
            .Concat(typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(static f => (string)f.GetValue(null)!));

    [Fact]
    public void IdentityProblems_EveryCode_IsUniqueAndAnErrorStatus()
    {
        var problems = Table(typeof(IdentityProblems));

        Assert.True(problems.Count > 20, $"only {problems.Count} problems read from the table");
        Assert.Equal(problems.Count, problems.Select(static p => p.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(problems, static p => Assert.InRange(p.Status, 400, 599));
        Assert.All(problems, static p => Assert.Matches("^[a-z]+(_[a-z]+)*$", p.Code));
        Assert.All(problems, static p => Assert.False(string.IsNullOrWhiteSpace(p.Title), p.Code));
    }

    [Fact]
    public void IdentityProblems_NoCode_RepeatsASharedOne()
    {
        var shared = SharedCodes().ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Table(typeof(IdentityProblems)), p => shared.Contains(p.Code));
    }

    [Fact]
    public void IdentityDocs_RefusalsTable_ListsExactlyTheCodesAnswered()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "identity.md"));
        var section = page[page.IndexOf("## Refusals (stable codes)", StringComparison.Ordinal)..];
        var listed = section.Split('\n').Where(static l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(static l => CodeInCell().Matches(l.Split('|')[1]).Select(static m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            Table(typeof(IdentityProblems)).Concat(SharedAnswered).Select(static p => p.Code).Order(StringComparer.Ordinal),
            listed.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex CodeInCell();
}
