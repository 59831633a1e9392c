namespace AtotiAuth.Testcontainers;

/// <summary>What runs behind a sidecar (<c>AtotiAuth:Ping:Backend</c>, services/ping/README.md).</summary>
public enum AtotiAuthCubeBackend
{
    /// <summary>An Atoti server: it verifies the JWT itself and sets its own session cookie at ping, which the sidecar forwards.</summary>
    Atoti,

    /// <summary>A cube that trusts the identity headers the sidecar writes; the sidecar answers ping itself.</summary>
    Headers,
}
