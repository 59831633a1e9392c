namespace AtotiAuth.Identity.Login;

/// <summary>A link on the login page to another way of signing in (an OpenID provider).</summary>
/// <param name="Label">The visible text.</param>
/// <param name="Href">A local URL starting that login, carrying the page's <c>redirectUrl</c>.</param>
internal sealed record LoginButton(string Label, string Href);
