using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Security;
using Microsoft.IdentityModel.Tokens;

namespace AiFunctions.Host.Tests.Api;

/// <summary>API keys (as hashes) and JWT bearer tokens minted here with a test signing key; 401 problem answers.</summary>
public sealed class AuthenticationTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task Health_answers_without_a_key()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/providers")]
    [InlineData("GET", "/api/routes")]
    [InlineData("GET", "/api/screenings/any-batch")]
    [InlineData("POST", "/api/screenings")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/reference")]
    [InlineData("GET", "/api/job-descriptions")]
    [InlineData("GET", "/api/events/outbound")]
    public async Task Every_other_endpoint_answers_401_problem_details_without_credentials(string method, string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await client.SendAsync(request);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(ApiKeyHeader.Name, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/reference")]
    public async Task The_contract_and_its_reference_page_answer_a_signed_in_caller(string path)
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    public async Task A_wrong_or_truncated_key_answers_401(string suffix)
    {
        using var client = factory.CreateClient();
        var key = suffix.Length == 0 ? InMemoryHostFactory.ApiKey[..^1] : InMemoryHostFactory.ApiKey + suffix;
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, key);
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("no accepted key", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hash_itself_is_not_a_key()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, ApiKeyHash.Compute(InMemoryHostFactory.ApiKey));
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_configured_key_authenticates_as_its_principal()
    {
        using var client = factory.CreateClientFor("operator");
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_bearer_token_authenticates_with_its_roles()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHostFactory.CreateToken("ops@contoso.example", "contoso", [ApiRoles.Operator]));
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { InMemoryHostFactory.CreateToken("a@contoso.example", "contoso", [ApiRoles.Operator], expires: DateTime.UtcNow.AddMinutes(-4)), "expired" },
        { InMemoryHostFactory.CreateToken("a@contoso.example", "contoso", [ApiRoles.Operator], audience: "api://someone-else"), "audience" },
        { InMemoryHostFactory.CreateToken("a@contoso.example", "contoso", [ApiRoles.Operator], issuer: "https://evil.example/"), "issuer" },
        { InMemoryHostFactory.CreateToken("a@contoso.example", "contoso", [ApiRoles.Operator], key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" }), "signature" },
        { InMemoryHostFactory.CreateToken("a@contoso.example", null, [ApiRoles.Operator]), "tenant" },
        { InMemoryHostFactory.CreateToken("a@contoso.example", "../fabrikam", [ApiRoles.Operator]), "tenant" },
        { InMemoryHostFactory.CreateToken(null, "contoso", [ApiRoles.Operator]), "name" },
        { "not.a.token", "not valid" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_bearer_token_answers_401_saying_what_is_wrong(string token, string reason)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(reason, body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Tokens forged without the issuer's key: unsigned (alg none), HMAC keyed with a guessable secret, the signature stripped, a valid token's payload swapped.</summary>
    public static TheoryData<string, string> ForgedTokens()
    {
        static string B64(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = $$"""{"iss":"{{InMemoryHostFactory.Issuer}}","aud":"{{InMemoryHostFactory.Audience}}","exp":{{exp}},"nbf":{{exp - 900}},"preferred_username":"mallory@contoso.example","tenant":"contoso","roles":["Operator","Auditor","Reviewer","Submitter"]}""";
        var valid = InMemoryHostFactory.CreateToken("a@contoso.example", "contoso", [ApiRoles.Auditor]).Split('.');
        var hmacKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))) { KeyId = "test-key-1" };
        var hmac = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(InMemoryHostFactory.Issuer, InMemoryHostFactory.Audience,
            [new Claim("preferred_username", "mallory@contoso.example"), new Claim("tenant", "contoso"), new Claim("roles", "Operator")],
            DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(10), new SigningCredentials(hmacKey, SecurityAlgorithms.HmacSha256)));
        return new()
        {
            { B64("""{"alg":"none","typ":"JWT"}""") + "." + B64(payload) + ".", "alg none" },
            { B64("""{"alg":"None","typ":"JWT","kid":"test-key-1"}""") + "." + B64(payload) + ".", "alg None with the key id" },
            { hmac, "HS256 with a guessed secret" },
            { valid[0] + "." + valid[1] + ".", "signature stripped" },
            { valid[0] + "." + B64(payload) + "." + valid[2], "payload swapped under a valid signature" },
        };
    }

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_forged_bearer_token_is_401_and_grants_nothing(string token, string forgery)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var path in new[] { "/api/routes", "/api/me", "/api/manage/audit/decisions" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()), forgery);
        }
    }

    [Fact]
    public async Task A_token_role_outside_the_known_roles_grants_nothing()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHostFactory.CreateToken("a@contoso.example", "contoso", ["Admin", "operator"]));
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public void Key_matching_accepts_only_an_exact_configured_key_and_refuses_short_keys()
    {
        const string first = "first-key-0123456789abcdef0123456789";
        const string second = "second-key-0123456789abcdef0123456789";
        byte[][] hashes = [ApiKeyHash.Parse(ApiKeyHash.Compute(first))!, ApiKeyHash.Parse(ApiKeyHash.Compute(second))!];
        Assert.Equal(1, ApiKeyHash.Match(second, hashes));
        Assert.Equal(0, ApiKeyHash.Match(first, hashes));
        Assert.Equal(-1, ApiKeyHash.Match(second[..^1], hashes));
        Assert.Equal(-1, ApiKeyHash.Match(string.Empty, hashes));
        Assert.Equal(-1, ApiKeyHash.Match(null, hashes));
        Assert.Equal(-1, ApiKeyHash.Match("short", [ApiKeyHash.Parse(ApiKeyHash.Compute("short"))!]));
        Assert.True(ApiKeyHash.NewKey().Length >= ApiKeyHash.MinKeyLength);
    }
}
