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

    /// <summary>The same map looked up by a hash formatted on the stack (no string per request).</summary>
    private readonly FrozenDictionary<string, GatewayCaller>.AlternateLookup<ReadOnlySpan<char>> _byKeyHashSpan;
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
        _byKeyHashSpan = _byKeyHash.GetAlternateLookup<ReadOnlySpan<char>>();
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
        if (!TryPresentedKey(request, out var key))
        {
            error = OpenAIError.MissingApiKey();
            return null;
        }

        Span<char> hash = stackalloc char[SHA256.HashSizeInBytes * 2];
        if (_byKeyHashSpan.TryGetValue(Hash(key, hash), out var caller))
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
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        return new string(Hash(key, hex));
    }

    /// <summary><see cref="Hash(string)"/> written into <paramref name="hex"/> (64 chars).</summary>
    private static ReadOnlySpan<char> Hash(ReadOnlySpan<char> key, Span<char> hex)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        SHA256.HashData(buffer[..length], digest);
        Convert.TryToHexStringLower(digest, hex, out var written);
        return hex[..written];
    }

    /// <summary>
    /// The key of <c>Authorization: Bearer &lt;key&gt;</c> (trimmed; a bearer of only spaces is an empty key, refused as
    /// invalid) or of a non-empty <c>api-key</c>; false when neither carries one.
    /// </summary>
    private static bool TryPresentedKey(HttpRequest request, out ReadOnlySpan<char> key)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            key = authorization.AsSpan(7).Trim();
            return true;
        }

        key = request.Headers["api-key"].ToString();
        return !key.IsEmpty;
    }
}
