using System.Net;
using System.Net.Http.Headers;
using AiFunctions.Console.Api;
using AiFunctions.Console.Configuration;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace AiFunctions.Console.Security;

/// <summary>
/// With <c>AiFunctions:Console:SignIn=EntraId</c>: an access token for the API's scope (<see cref="ConsoleOptions.ApiScope"/>)
/// acquired on behalf of the signed-in user by Microsoft.Identity.Web, sent as <c>Authorization: Bearer</c>; the API
/// validates it with its own JWT settings (docs/security.md). Configuration only: not run here (no Entra ID offline).
/// </summary>
public sealed class EntraIdCredential(AuthenticationStateProvider authentication, ITokenAcquisition tokens, IOptions<ConsoleOptions> options) : IApiCredential
{
    public async Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        if (state.User.Identity is not { IsAuthenticated: true })
        {
            throw new ApiException(HttpStatusCode.Unauthorized, "session-ended", "You are not signed in", "Sign in again.");
        }

        var token = await tokens.GetAccessTokenForUserAsync([options.Value.ApiScope!], user: state.User).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
