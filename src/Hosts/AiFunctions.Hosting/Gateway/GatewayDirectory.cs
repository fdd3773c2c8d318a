using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Kernel.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// Keys → callers and model names → routes, built once from <see cref="GatewayOptions"/>. A presented key is hashed
/// (SHA-256) and looked up among the configured hashes, so keys are never held in memory or configuration. The key
/// comes from <c>Authorization: Bearer &lt;key&gt;</c> (what the OpenAI SDKs send) or <c>api-key</c> (Azure OpenAI
/// SDKs).
/// </summary>
public sealed class GatewayDirectory
{
    private readonly FrozenDictionary<string, GatewayCaller> _byKeyHash;
    private readonly FrozenDictionary<string, string> _routes;
    private readonly FrozenDictionary<string, string> _aliases;

    public GatewayDirectory(IOptions<GatewayOptions> options, EffectiveAiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = options.Value;
        _routes = configuration.Root.GetSection(AiKernelSections.Routes).GetChildren()
            .ToFrozenDictionary(c => c.Key, c => c.Key, StringComparer.OrdinalIgnoreCase);
        _aliases = settings.Models
            .Where(a => _routes.ContainsKey(a.Value))
            .ToFrozenDictionary(a => a.Key, a => _routes[a.Value], StringComparer.OrdinalIgnoreCase);
        var byHash = new Dictionary<string, GatewayCaller>(StringComparer.Ordinal);
        foreach (var (app, appSettings) in settings.Apps)
        {
            var routes = appSettings.Routes
                .Select(r => r == "*" ? "*" : Resolve(r) ?? r)
                .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            var caller = new GatewayCaller(app, appSettings.Tenant ?? string.Empty, routes);
            foreach (var hash in appSettings.KeySha256)
            {
                byHash[hash.ToLowerInvariant()] = caller;
            }
        }

        _byKeyHash = byHash.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every route and alias name, with the route each one serves.</summary>
    public IEnumerable<(string Model, string Route)> Models =>
        _routes.Select(r => (r.Key, r.Value)).Concat(_aliases.Select(a => (a.Key, a.Value)));

    /// <summary>The route a model name (route or alias) names; null when it names none.</summary>
    public string? Resolve(string model) =>
        _routes.TryGetValue(model, out var route) ? route : _aliases.TryGetValue(model, out route) ? route : null;

    /// <summary>The caller whose key the request carries, or the 401 to answer.</summary>
    public GatewayCaller? Authenticate(HttpRequest request, out OpenAIError? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        error = null;
        var key = PresentedKey(request);
        if (key is null)
        {
            error = OpenAIError.MissingApiKey();
            return null;
        }

        if (_byKeyHash.TryGetValue(Hash(key), out var caller))
        {
            return caller;
        }

        error = OpenAIError.InvalidApiKey();
        return null;
    }

    /// <summary>SHA-256 of the key's UTF-8 bytes, lower-case hex (what <see cref="GatewayAppOptions.KeySha256"/> holds).</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        SHA256.HashData(buffer[..length], digest);
        return Convert.ToHexStringLower(digest);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization[7..].Trim();
        }

        var apiKey = request.Headers["api-key"].ToString();
        return apiKey.Length > 0 ? apiKey : null;
    }
}
