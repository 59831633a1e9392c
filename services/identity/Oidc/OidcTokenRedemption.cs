using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Redeems the code ourselves where the handler cannot authenticate the way the provider expects:
/// <c>client_secret_basic</c> (the handler only posts the secret in the body), Atoti's certificate
/// in <c>X-Cert</c> and <c>private_key_jwt</c>. The handler then validates the ID token of our response exactly as of its own.
/// </summary>
internal sealed class OidcTokenRedemption(IOptions<OidcOptions> oidc, OidcClientAssertion assertions)
{
    public async Task RedeemAsync(AuthorizationCodeReceivedContext context, string providerId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var provider = oidc.Value.Providers[providerId];
        if (provider.ClientAuthentication == OidcClientAuthentication.ClientSecretPost || context.TokenEndpointRequest is null)
        {
            return;
        }

        var cancellationToken = context.HttpContext.RequestAborted;
        var configuration = context.Options.Configuration
            ?? await context.Options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var parameters = context.TokenEndpointRequest.Parameters
            .Where(p => p.Key != OpenIdConnectParameterNames.ClientSecret
                        && !(p.Key == OpenIdConnectParameterNames.ClientId && provider.ClientAuthentication == OidcClientAuthentication.ClientSecretBasic))
            .ToDictionary();
        if (provider.ClientAuthentication == OidcClientAuthentication.PrivateKeyJwt)
        {
            parameters["client_assertion_type"] = OidcClientAssertion.AssertionType;
            parameters["client_assertion"] = assertions.Create(providerId, configuration.TokenEndpoint);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint) { Content = new FormUrlEncodedContent(parameters) };
        if (provider.ClientAuthentication == OidcClientAuthentication.ClientSecretBasic)
        {
            // RFC 6749 §2.3.1: id and secret are form-encoded before being joined and base64-encoded.
            var pair = Uri.EscapeDataString(provider.ClientId!) + ":" + Uri.EscapeDataString(provider.ClientSecret!);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else if (provider.ClientAuthentication == OidcClientAuthentication.ClientCertificate)
        {
            request.Headers.TryAddWithoutValidation("X-Cert", Uri.EscapeDataString(provider.ClientSecret!.Trim()));
        }

        using var response = await context.Backchannel.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            context.Fail(new OidcFlowException(IdentityProblems.ProviderUnavailable, $"Token endpoint answered {(int)response.StatusCode}."));
            return;
        }

        OpenIdConnectMessage message;
        try
        {
            message = new OpenIdConnectMessage(body);
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.Json.JsonException or FormatException)
        {
            context.Fail(new OidcFlowException(IdentityProblems.CodeExchangeFailed, "Token endpoint answered no JSON.", ex));
            return;
        }

        if (!response.IsSuccessStatusCode || !string.IsNullOrEmpty(message.Error) || string.IsNullOrEmpty(message.IdToken))
        {
            context.Fail(new OidcFlowException(IdentityProblems.CodeExchangeFailed, $"Token endpoint refused the code ({(int)response.StatusCode})."));
            return;
        }

        context.HandleCodeRedemption(message);
    }
}
