namespace AtotiAuth.Identity.Provisioning;

/// <summary>What the store remembers of a user the file listed.</summary>
/// <param name="CreatedByFile">True when the file created the user: only such users may be removed by the file.</param>
/// <param name="Unlisted">True when the file no longer lists the user and it was deactivated for that.</param>
/// <param name="Digest">The keyed digest of the row last applied (<see cref="CsvRowDigests"/>), or null when not kept in the store.</param>
internal sealed record ProvisionedUser(bool CreatedByFile, bool Unlisted, string? Digest);
