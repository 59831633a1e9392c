namespace AtotiAuth.Identity.Logout;

/// <summary>Log category of the logout endpoints.</summary>
internal sealed class LogoutMarker;
