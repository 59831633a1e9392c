namespace AtotiAuth.Shared.Sessions;

/// <summary>What a successful login hands to <see cref="ISessionStore.CreateAsync"/>.</summary>
/// <param name="UserName">The principal's canonical name.</param>
/// <param name="Provider">The provider that vouched for it.</param>
/// <param name="Roles">The final roles.</param>
/// <param name="ProviderRoles">The provider's own roles or groups, from which the final roles were resolved.</param>
public sealed record NewSession(string UserName, string Provider, IReadOnlyList<string> Roles, IReadOnlyList<string>? ProviderRoles = null);
