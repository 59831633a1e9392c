namespace AtotiAuth.Identity.Login;

/// <summary>Supplies the login page's provider buttons (the OIDC concern registers one), so the page knows no provider.</summary>
internal interface ILoginButtons
{
    IEnumerable<LoginButton> For(string? redirectUrl);
}
