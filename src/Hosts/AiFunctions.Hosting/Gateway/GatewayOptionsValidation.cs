using System.Globalization;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Kernel.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// Start-up checks of <see cref="GatewayOptions"/>: every app has a tenant, well-formed key hashes used by no other
/// app, and routes that exist; every alias names a route. Each message names the setting and the fix.
/// </summary>
internal sealed class GatewayOptionsValidation(EffectiveAiConfiguration configuration) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var routes = configuration.Root.GetSection(AiKernelSections.Routes).GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var (alias, route) in options.Models)
        {
            if (!routes.Contains(route ?? string.Empty))
            {
                problems.Add($"{GatewayOptions.Section}:Models:{alias} names route '{route}', which is not configured under {AiKernelSections.Routes}. Use one of: {string.Join(", ", routes.Order())}.");
            }
        }

        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (app, settings) in options.Apps)
        {
            var prefix = $"{GatewayOptions.Section}:Apps:{app}";
            if (string.IsNullOrWhiteSpace(settings.Tenant))
            {
                problems.Add($"{prefix}:Tenant is required: the tenant this application's calls are limited, budgeted and accounted to.");
            }

            if (settings.KeySha256.Count == 0)
            {
                problems.Add($"{prefix}:KeySha256 is empty: add the SHA-256 (lower-case hex) of the application's key, e.g. printf %s \"$KEY\" | sha256sum.");
            }

            for (var i = 0; i < settings.KeySha256.Count; i++)
            {
                var hash = settings.KeySha256[i] ?? string.Empty;
                if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
                {
                    problems.Add($"{prefix}:KeySha256:{i.ToString(CultureInfo.InvariantCulture)} is not a SHA-256 hex digest (64 hex characters). Configure the hash of the key, never the key.");
                }
                else if (!owners.TryAdd(hash, app))
                {
                    problems.Add($"{prefix}:KeySha256:{i.ToString(CultureInfo.InvariantCulture)} is also a key of application '{owners[hash]}': give each application its own key.");
                }
            }

            if (settings.Routes.Count == 0)
            {
                problems.Add($"{prefix}:Routes is empty: list the routes (or aliases) the application may use, or \"*\" for all.");
            }

            foreach (var route in settings.Routes)
            {
                if (route != "*" && !routes.Contains(route ?? string.Empty) && !options.Models.ContainsKey(route ?? string.Empty))
                {
                    problems.Add($"{prefix}:Routes names '{route}', which is neither a configured route nor an alias under {GatewayOptions.Section}:Models.");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
