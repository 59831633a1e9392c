namespace AtotiAuth.Identity.Users;

/// <summary>Whether a basic user may log in (the provisioning CSV's <c>Status</c> column).</summary>
public enum UserStatus
{
    /// <summary>May log in.</summary>
    Active,

    /// <summary>May not log in; the account and its roles are kept.</summary>
    Inactive,
}
