namespace AtotiAuth.Identity.Provisioning;

/// <summary>What happens to a user the file created earlier and no longer lists.</summary>
public enum CsvRemovalMode
{
    /// <summary>Nothing: removing a line never touches an account (the default).</summary>
    Off,

    /// <summary>The user is deactivated (its sessions revoked); the account and its roles are kept, and a returning line activates it again.</summary>
    Deactivate,

    /// <summary>The user is deleted (its sessions revoked).</summary>
    Delete,
}
