namespace AtotiAuth.Samples.Cube;

/// <summary>What the sample plays (<c>Cube:Mode</c>).</summary>
public enum CubeMode
{
    /// <summary>A .NET cube that trusts the sidecar's identity headers (<c>/api/whoami</c>, <c>/ws</c>).</summary>
    Headers,

    /// <summary>A stand-in for an Atoti 6.x server, which knows nothing of AtotiAuth (<c>Atoti/</c>).</summary>
    Atoti,
}
