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

        return ValidateOptionsResult.Success;
    }
}
