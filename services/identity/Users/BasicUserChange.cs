namespace AtotiAuth.Identity.Users;

/// <summary>The outcome of a change to a basic user.</summary>
internal enum BasicUserChange
{
    Done,
    NotFound,
    AlreadyExists,
}
