namespace AtotiAuth.Token.Issuance;

/// <summary>Outcome of checking a caller's token: its roles, or the rejection code.</summary>
internal sealed record CallerToken(IReadOnlyList<string> Roles, string? RejectionCode)
{
    public static CallerToken Rejected(string code) => new([], code);
}
