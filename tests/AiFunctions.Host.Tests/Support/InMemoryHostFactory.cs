using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using AiFunctions.Hosting.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// The host on a test server with the in-memory Durable backend and result store (tests only), API-key principals of
/// every role in two tenants (configured as hashes, as in production), and a JWT issuer whose signing key lives in the
/// test (<see cref="CreateToken"/>; no network: the OIDC configuration is set in process).
/// </summary>
public class InMemoryHostFactory : WebApplicationFactory<Program>
{
    public const string Tenant = "contoso";
    public const string OtherTenant = "fabrikam";
    public const string Issuer = "https://issuer.test.example/";
    public const string Audience = "api://aifunctions-test";

    /// <summary>The key of the principal holding every role in <see cref="Tenant"/> (the tests' default client).</summary>
    public static readonly string ApiKey = KeyOf("all");

    /// <summary>Test principals by key name: (tenant, roles, principal name).</summary>
    public static readonly IReadOnlyDictionary<string, (string Tenant, string[] Roles, string Name)> Principals = new Dictionary<string, (string, string[], string)>
    {
        ["all"] = (Tenant, [.. ApiRoles.All], "all-roles-service"),
        ["submitter"] = (Tenant, [ApiRoles.Submitter], "portal-backend"),
        ["reviewer"] = (Tenant, [ApiRoles.Reviewer], "riley.reviewer@contoso.example"),
        ["reviewer2"] = (Tenant, [ApiRoles.Reviewer], "sam.second@contoso.example"),
        ["reviewer3"] = (Tenant, [ApiRoles.Reviewer], "third.reviewer@contoso.example"),
        ["operator"] = (Tenant, [ApiRoles.Operator], "ops-console"),
        ["serviceoperator"] = (Tenant, [ApiRoles.ServiceOperator], "service-ops-only"),
        ["service-ops"] = (Tenant, [ApiRoles.Operator, ApiRoles.ServiceOperator], "service-ops"),
        ["auditor"] = (Tenant, [ApiRoles.Auditor], "audit-team"),
        ["serviceauditor"] = (Tenant, [ApiRoles.ServiceAuditor], "service-audit-team"),
        ["other"] = (OtherTenant, [.. ApiRoles.All], "fabrikam-service"),
    };

    private static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>The clear-text key of a test principal (the host only knows its hash).</summary>
    public static string KeyOf(string principal) => $"test-key-{principal}-0123456789abcdef0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AiFunctions:Durable:Backend", "InMemory");
        builder.UseSetting("AiFunctions:Storage:Store", "InMemory");
        builder.UseSetting("AiFunctions:Events:Intake:Mode", "Direct"); // the webhook dispatches in process (no Service Bus here)
        foreach (var (name, (tenant, roles, principalName)) in Principals)
        {
            builder.UseSetting($"AiFunctions:Auth:ApiKeys:{name}:KeyHash", ApiKeyHash.Compute(KeyOf(name)));
            builder.UseSetting($"AiFunctions:Auth:ApiKeys:{name}:Tenant", tenant);
            builder.UseSetting($"AiFunctions:Auth:ApiKeys:{name}:Name", principalName);
            for (var i = 0; i < roles.Length; i++)
            {
                builder.UseSetting($"AiFunctions:Auth:ApiKeys:{name}:Roles:{i}", roles[i]);
            }
        }

        builder.UseSetting("AiFunctions:Auth:Jwt:Authority", Issuer);
        builder.UseSetting("AiFunctions:Auth:Jwt:Audiences:0", Audience);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(CallerAuthentication.BearerScheme, o =>
        {
            // The issuer's metadata in process: no network, the key lives in this test.
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(SigningKey);
            o.Configuration = configuration;
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        }));
    }

    public HttpClient CreateAuthorizedClient() => CreateClientFor("all");

    /// <summary>A client sending the API key of the test principal <paramref name="principal"/>.</summary>
    public HttpClient CreateClientFor(string principal)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(Hosting.Api.ApiKeyHeader.Name, KeyOf(principal));
        return client;
    }

    /// <summary>A signed token from the test issuer (defaults: valid for 10 minutes, the test audience).</summary>
    public static string CreateToken(string? name, string? tenant, IEnumerable<string> roles, string? audience = Audience, string issuer = Issuer, DateTime? expires = null, SecurityKey? key = null)
    {
        var claims = new List<Claim>();
        if (name is not null)
        {
            claims.Add(new Claim("preferred_username", name));
        }

        if (tenant is not null)
        {
            claims.Add(new Claim("tenant", tenant));
        }

        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(issuer, audience, claims, now.AddMinutes(-5), expires ?? now.AddMinutes(10),
            new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
