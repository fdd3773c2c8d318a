namespace AiFunctions.Console.Api;

/// <summary>
/// Puts the signed-in person's credential on a request to the API: the API key kept server-side for this sign-in
/// (<see cref="Security.ApiKeySessionCredential"/>) or an Entra ID access token (<see cref="Security.EntraIdCredential"/>).
/// The credential never reaches the browser.
/// </summary>
public interface IApiCredential
{
    /// <summary>Adds the credential's header to <paramref name="request"/>; throws <see cref="ApiException"/> (401) when the sign-in is gone.</summary>
    Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
