namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>The service images scripts/build-images.sh builds (the images contract).</summary>
internal static class ServiceImages
{
    public const string Identity = "atotiauth/identity:dev";
    public const string Token = "atotiauth/token:dev";
    public const string Ping = "atotiauth/ping:dev";
    public const string SampleCube = "atotiauth/sample-cube:dev";

    public static readonly string[] All = [Identity, Token, Ping, SampleCube];
}
