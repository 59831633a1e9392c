namespace AtotiAuth.Identity.Users;

/// <summary>The outcome of a change to a basic user.</summary>
internal enum BasicUserChange
{
    Done,
    NotFound,
    AlreadyExists,

    /// <summary>The new password fails <see cref="PasswordPolicy"/>: nothing was changed.</summary>
    PasswordRefused,
}
