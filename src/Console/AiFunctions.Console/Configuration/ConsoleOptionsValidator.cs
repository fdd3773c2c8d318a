using Microsoft.Extensions.Options;

namespace AiFunctions.Console.Configuration;

/// <summary>Checks <see cref="ConsoleOptions"/> at start-up; every message names the setting, the value found and the fix.</summary>
internal sealed class ConsoleOptionsValidator(IConfiguration configuration) : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = ConsoleOptions.Section;
        if (string.IsNullOrWhiteSpace(options.ApiBaseUrl))
        {
            errors.Add($"{s}:ApiBaseUrl is missing: set it to the AiFunctions API's base URL, e.g. http://127.0.0.1:5000/ (the standalone host) or https://<app>.azurewebsites.net/ (the Functions app).");
        }
        else if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add($"{s}:ApiBaseUrl '{Cut(options.ApiBaseUrl)}' is not an absolute http or https URL without query or fragment: set e.g. http://127.0.0.1:5000/.");
        }

        if (!Enum.IsDefined(options.SignIn))
        {
            errors.Add($"{s}:SignIn '{options.SignIn}' is unknown: use ApiKey or EntraId.");
        }

        if (options.SignIn == ConsoleSignIn.EntraId)
        {
            if (string.IsNullOrWhiteSpace(options.ApiScope))
            {
                errors.Add($"{s}:ApiScope is missing: with SignIn=EntraId set the API's scope, e.g. api://<api app id>/.default.");
            }

            foreach (var key in new[] { "AzureAd:Instance", "AzureAd:TenantId", "AzureAd:ClientId" })
            {
                if (string.IsNullOrWhiteSpace(configuration[key]))
                {
                    errors.Add($"{key} is missing: with {s}:SignIn=EntraId the Microsoft Entra ID app registration must be configured (docs/console.md).");
                }
            }
        }

        Range(errors, "SessionIdleTimeout", options.SessionIdleTimeout, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));
        Range(errors, "RefreshInterval", options.RefreshInterval, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));
        Range(errors, "ApiTimeout", options.ApiTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{ConsoleOptions.Section}:{setting} '{value}' is out of range: use {min:c} to {max:c}.");
        }
    }

    private static string Cut(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
