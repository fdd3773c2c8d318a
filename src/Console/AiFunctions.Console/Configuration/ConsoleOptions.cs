namespace AiFunctions.Console.Configuration;

/// <summary>
/// Settings of the operator console, section <c>AiFunctions:Console</c> (docs/console.md). Checked at start-up by
/// <see cref="ConsoleOptionsValidator"/>: a bad value stops the console with a message naming the setting.
/// </summary>
public sealed class ConsoleOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "AiFunctions:Console";

    /// <summary>
    /// Base URL of the AiFunctions API the console is a client of: the standalone host (e.g. <c>http://127.0.0.1:5000/</c>)
    /// or the Functions app (<c>https://{app}.azurewebsites.net/</c>). Absolute http or https; required.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// How people sign in: <see cref="ConsoleSignIn.ApiKey"/> (default; a form takes an API key of the API and the console
    /// asks the API who that is) or <see cref="ConsoleSignIn.EntraId"/> (Microsoft Entra ID through Microsoft.Identity.Web,
    /// settings in the <c>AzureAd</c> section; the console calls the API with the signed-in user's token).
    /// </summary>
    public ConsoleSignIn SignIn { get; set; } = ConsoleSignIn.ApiKey;

    /// <summary>With <see cref="ConsoleSignIn.EntraId"/>: the API's scope the console asks tokens for, e.g. <c>api://aifunctions/.default</c>.</summary>
    public string? ApiScope { get; set; }

    /// <summary>How long a sign-in lasts without activity (default 8 hours, 5 minutes to 24 hours).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often a page showing a running batch re-reads its progress (default 2 s, 0.5 to 60 s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Per-request timeout of calls to the API (default 30 s, 1 s to 5 minutes).</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The API base URL as a URI ending in '/'. Valid only after validation.</summary>
    public Uri ApiBaseUri => new(ApiBaseUrl!.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}

/// <summary>How people sign in to the console.</summary>
public enum ConsoleSignIn
{
    /// <summary>A sign-in form that takes an API key (local runs and service accounts).</summary>
    ApiKey,

    /// <summary>Microsoft Entra ID (Azure); configuration in the <c>AzureAd</c> section.</summary>
    EntraId,
}
