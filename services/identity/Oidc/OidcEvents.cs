using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Our part of the handler's flow: the public redirect URI and the start time on the way out; on the
/// way back the flow timeout, our own token redemption, <c>azp</c>, then our session instead of a
/// sign-in cookie, and every failure turned into a readable page (never a 500).
/// </summary>
internal sealed class OidcEvents(
    IOptions<OidcOptions> options,
    OidcTokenRedemption redemption,
    OidcLoginCompletion completion,
    OidcFailurePages failures,
    OidcIdTokenCheck idTokens,
    TimeProvider time) : OpenIdConnectEvents
{
    private const string ClaimsItem = "atotiauth.oidc.claims";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var publicBase = options.Value.PublicBaseUrl;
        if (!string.IsNullOrEmpty(publicBase))
        {
            context.ProtocolMessage.RedirectUri = publicBase.TrimEnd('/') + context.Options.CallbackPath;
        }

        context.Properties.Items[OidcSchemes.StartedItem] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // Kept inside the protected state, so the callback knows this flow's nonce without trusting the token.
        context.Properties.Items[OidcSchemes.NonceItem] = context.ProtocolMessage.Nonce;
        return Task.CompletedTask;
    }

    public override Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Properties?.Items.TryGetValue(OidcSchemes.StartedItem, out var started) == true
            && long.TryParse(started, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && time.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(seconds) + options.Value.FlowTimeout)
        {
            context.Fail(new OidcFlowException(IdentityProblems.LoginFlowExpired, "The login flow expired."));
        }

        return Task.CompletedTask;
    }

    public override Task AuthorizationCodeReceived(AuthorizationCodeReceivedContext context)
        => redemption.RedeemAsync(context, ProviderOf(context.Scheme));

    public override Task TokenResponseReceived(TokenResponseReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return idTokens.RefreshKeysIfUnknownAsync(context.Options, context.TokenEndpointResponse.IdToken, context.HttpContext.RequestAborted);
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.TokenEndpointResponse?.IdToken ?? context.SecurityToken?.RawData;
        var expectedNonce = context.Properties?.Items.TryGetValue(OidcSchemes.NonceItem, out var nonce) == true ? nonce : null;
        var problem = string.IsNullOrEmpty(raw) ? "no ID token" : await OidcIdTokenCheck.CheckAsync(context.Options, raw, expectedNonce, context.HttpContext.RequestAborted);
        if (problem is not null)
        {
            context.Fail(new OidcFlowException(IdentityProblems.InvalidIdToken, problem));
            return;
        }

        var idToken = new JsonWebToken(raw);

        // OpenID Connect Core §3.1.3.7 (5): an azp that is present must be our client id.
        if (idToken.TryGetPayloadValue<string>("azp", out var azp) && !string.Equals(azp, context.Options.ClientId, StringComparison.Ordinal))
        {
            context.Fail(new OidcFlowException(IdentityProblems.InvalidIdToken, "The ID token's azp is another client."));
            return;
        }

        context.HttpContext.Items[ClaimsItem] = OidcClaimSet.FromIdToken(idToken);
    }

    public override Task UserInformationReceived(UserInformationReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Items[ClaimsItem] is OidcClaimSet claims)
        {
            context.HttpContext.Items[ClaimsItem] = claims.WithUserInfo(context.User.RootElement);
        }

        return Task.CompletedTask;
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var providerId = ProviderOf(context.Scheme);
        if (context.HttpContext.Items[ClaimsItem] is not OidcClaimSet claims)
        {
            await failures.WriteAsync(context.HttpContext, providerId, new OidcFlowException(IdentityProblems.InvalidIdToken, "No validated ID token."));
            return;
        }

        await completion.CompleteAsync(context.HttpContext, providerId, claims, context.ReturnUri);
    }

    public override async Task AccessDenied(AccessDeniedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        await failures.WriteAsync(context.HttpContext, ProviderOf(context.Scheme), new OidcFlowException(IdentityProblems.AccessDenied, "The provider answered access_denied."));
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        await failures.WriteAsync(context.HttpContext, ProviderOf(context.Scheme), context.Failure);
    }

    private static string ProviderOf(AuthenticationScheme scheme) => OidcSchemes.ProviderId(scheme.Name);
}
