namespace AtotiAuth.Testing;

/// <summary>The images scripts/build-test-images.sh builds from tests/containers/.</summary>
public static class TestImages
{
    /// <summary>Debian's redis-server.</summary>
    public const string Redis = "atotiauth/test-redis:dev";

    /// <summary>Debian's redis-server with the Sentinel and Cluster scripts (<c>redis-sentinels</c>, <c>redis-cluster</c>).</summary>
    public const string RedisTopology = "atotiauth/test-redis-topology:dev";

    /// <summary>Debian's slapd, seeded with users, groups and a service account.</summary>
    public const string OpenLdap = "atotiauth/test-openldap:dev";

    /// <summary>The npm package oidc-provider.</summary>
    public const string OidcProvider = "atotiauth/test-oidc:dev";

    /// <summary>Debian's nginx as the end-to-end gateway, routing like the Kubernetes Ingress.</summary>
    public const string Gateway = "atotiauth/test-nginx:dev";

    /// <summary>Debian's prometheus, scraping the end-to-end system's services.</summary>
    public const string Prometheus = "atotiauth/test-prometheus:dev";
}
