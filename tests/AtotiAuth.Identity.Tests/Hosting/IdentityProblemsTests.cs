using System.Reflection;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;

namespace AtotiAuth.Identity.Tests.Hosting;

public sealed class IdentityProblemsTests
{
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
}
