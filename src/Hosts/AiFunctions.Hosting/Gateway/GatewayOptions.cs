namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// The OpenAI-compatible gateway (<c>AiFunctions:Gateway</c>): which applications may call <c>/v1</c>, with which key,
/// for which tenant and routes, and the model aliases they may use.
/// <code>
/// "Gateway": {
///   "Models": { "gpt-4o-mini": "drafting" },
///   "Apps": {
///     "portal-assistant": { "Tenant": "contoso", "KeySha256": [ "9f86d0…" ], "Routes": [ "drafting", "embedding" ] }
///   }
/// }
/// </code>
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "AiFunctions:Gateway";

    /// <summary>Aliases: a model name callers send → the route that serves it (a route's own name always works too).</summary>
    public Dictionary<string, string> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The applications allowed to call the gateway, by name (the name is the caller's audit name).</summary>
    public Dictionary<string, GatewayAppOptions> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One application that calls the gateway with the OpenAI SDK.</summary>
public sealed class GatewayAppOptions
{
    /// <summary>The tenant its calls are limited, budgeted and accounted to (required).</summary>
    public string? Tenant { get; set; }

    /// <summary>
    /// SHA-256 of each accepted key, lower-case hex (several, so keys rotate without downtime):
    /// <c>printf %s "$KEY" | sha256sum</c>. The keys themselves are never configured or stored.
    /// </summary>
    public List<string> KeySha256 { get; set; } = [];

    /// <summary>The routes (or aliases) it may use; <c>*</c> = every route.</summary>
    public List<string> Routes { get; set; } = [];
}
