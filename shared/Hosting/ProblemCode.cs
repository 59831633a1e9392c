namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// One stable refusal (STYLE.md §8): the code put in the problem body and the log event, with its
/// status and title. Each service keeps its codes in one table of these; tests assert on
/// <see cref="Code"/>, never on the prose.
/// </summary>
/// <param name="Code">The stable code, e.g. <c>session_revoked</c>.</param>
/// <param name="Status">The HTTP status it is answered with.</param>
/// <param name="Title">A short sentence for people.</param>
public sealed record ProblemCode(string Code, int Status, string Title)
{
    /// <inheritdoc/>
    public override string ToString() => Code;
}
