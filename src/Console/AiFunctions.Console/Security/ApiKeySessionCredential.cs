using System.Net;
using AiFunctions.Console.Api;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFunctions.Console.Security;

/// <summary>
/// The API key of the signed-in person's session (<see cref="ApiKeySessionStore"/>), found through the session id claim
/// of the circuit's principal, sent as <c>X-Api-Key</c>.
/// </summary>
public sealed class ApiKeySessionCredential(AuthenticationStateProvider authentication, ApiKeySessionStore sessions) : IApiCredential
{
    public async Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        var key = sessions.Find(state.User.FindFirst(ConsoleClaims.Session)?.Value)
            ?? throw new ApiException(HttpStatusCode.Unauthorized, "session-ended", "Your sign-in has ended", "Sign in again (sessions end after a period without use, on sign-out and when the console restarts).");
        request.Headers.Add(ManagementApi.ApiKeyHeader, key);
    }
}
