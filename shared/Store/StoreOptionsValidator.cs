using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Store;

internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Redis) && !options.AllowInMemory)
        {
            return ValidateOptionsResult.Fail(
                "AtotiAuth:Store:Redis (environment variable AtotiAuth__Store__Redis) is required: set it to a " +
                "StackExchange.Redis connection string such as 'redis:6379'. Only the standalone host may run " +
                "without Redis (AtotiAuth:Store:AllowInMemory=true).");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            return ValidateOptionsResult.Fail(
                "AtotiAuth:Store:KeyPrefix must be a non-empty prefix without spaces, e.g. 'atotiauth:'.");
        }

        if (!string.IsNullOrWhiteSpace(options.CaCertificateFile))
        {
            if (!File.Exists(options.CaCertificateFile))
            {
                return ValidateOptionsResult.Fail(
                    $"AtotiAuth:Store:CaCertificateFile (environment variable AtotiAuth__Store__CaCertificateFile): no file at '{options.CaCertificateFile}'; mount the PEM of the CA that signed Redis's certificate there.");
            }

            if (!string.IsNullOrWhiteSpace(options.Redis) && !UsesTls(options.Redis))
            {
                return ValidateOptionsResult.Fail(
                    "AtotiAuth:Store:CaCertificateFile is set but AtotiAuth:Store:Redis does not ask for TLS: add ',ssl=true' to the connection string.");
            }
        }

        if (options.User is { Length: > 0 } user && user.Any(char.IsWhiteSpace))
        {
            return ValidateOptionsResult.Fail("AtotiAuth:Store:User must be a Redis ACL user name without spaces, e.g. 'identity'.");
        }

        return ValidateOptionsResult.Success;
    }

    private static bool UsesTls(string connectionString)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(connectionString).Ssl;
        }
        catch (ArgumentException)
        {
            // A malformed string is reported by the connection itself, with the client's own words.
            return true;
        }
    }
}
