namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary><c>/versions/rest</c> in Atoti's shape (ATOTI-CONTRACT.md).</summary>
/// <param name="Version">The server's version.</param>
/// <param name="ServerVersion">The server's version, again, as Atoti answers both.</param>
/// <param name="Apis">Each API namespace and its versions.</param>
public sealed record VersionsResponse(string Version, string ServerVersion, IReadOnlyDictionary<string, ApiVersions> Apis);

/// <summary>The versions of one API.</summary>
/// <param name="Versions">Each version's REST and WebSocket paths.</param>
public sealed record ApiVersions(IReadOnlyList<ApiVersion> Versions);

/// <summary>One API version.</summary>
/// <param name="Id">Its id, e.g. <c>v10</c>.</param>
/// <param name="RestPath">Its REST prefix.</param>
/// <param name="WsPath">Its WebSocket path.</param>
public sealed record ApiVersion(string Id, string RestPath, string WsPath);

/// <summary>What the stand-in knows of its caller, computed from the verified JWT or the server's session.</summary>
/// <param name="User">The user.</param>
/// <param name="Roles">The roles.</param>
/// <param name="Via"><c>jwt</c> or <c>session</c>.</param>
public sealed record AtotiWhoAmI(string User, IReadOnlyList<string> Roles, string Via);
