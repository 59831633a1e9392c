namespace AtotiAuth.Identity.Login;

/// <summary>What <c>/login</c> shows a browser.</summary>
public enum LoginMode
{
    /// <summary>An HTML form.</summary>
    Form,

    /// <summary>A <c>401</c> with <c>WWW-Authenticate: Basic</c>: the browser's own prompt.</summary>
    Basic,
}
