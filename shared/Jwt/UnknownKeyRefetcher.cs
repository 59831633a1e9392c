using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// Fetches the authority's keys afresh when a token names a <c>kid</c> the cached JWKS lacks, at most once
/// per <see cref="AtotiAuthJwtOptions.UnknownKeyRefreshInterval"/> per scheme. JwtBearer alone fails that
/// request and refreshes for the next one; here the same request is retried with the fresh keys, so a key
/// rotation costs no failed call even where a verifier has not yet re-read the JWKS.
/// </summary>
internal sealed class UnknownKeyRefetcher(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SchemeKeys> _schemes = new(StringComparer.Ordinal);

    /// <summary>The authority's current signing keys, or null when they cannot be fetched.</summary>
    public async Task<ICollection<SecurityKey>?> GetKeysAsync(string scheme, JwtBearerOptions jwt, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(jwt.MetadataAddress) || jwt.Backchannel is null)
        {
            return null;
        }

        var state = _schemes.GetOrAdd(scheme, static _ => new SchemeKeys());
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (state.Keys is not null && now - state.FetchedAt < interval)
            {
                return state.Keys;
            }

            var retriever = new HttpDocumentRetriever(jwt.Backchannel) { RequireHttps = jwt.RequireHttpsMetadata };
            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(jwt.MetadataAddress, retriever, cancellationToken);
                state.Keys = configuration.SigningKeys;
            }
            catch (IOException)
            {
                state.Keys ??= [];
            }
            catch (HttpRequestException)
            {
                state.Keys ??= [];
            }
            catch (InvalidOperationException)
            {
                state.Keys ??= [];
            }

            state.FetchedAt = now;
            return state.Keys;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private sealed class SchemeKeys
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ICollection<SecurityKey>? Keys { get; set; }

        public DateTimeOffset FetchedAt { get; set; }
    }
}
