using System.Security.Cryptography;
using System.Text;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Hosting.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Providers.Tests.Gateway;

/// <summary>
/// Key → caller, as <see cref="GatewayDirectory.Authenticate"/> reads it from the request (the hash is formatted on the
/// stack and looked up without a string per request): which header, trimming, and which 401 code when it fails.
/// </summary>
public sealed class GatewayDirectoryTests
{
    private const string Key = "sk-portal-0123456789abcdef";

    // A key outside ASCII: hashed from its UTF-8 bytes like any other.
    private const string WideKey = "sk-ключ-ü-0123456789";

    private static readonly GatewayDirectory Directory = Build();

    [Fact]
    public void Hash_is_the_lower_case_hex_SHA256_of_the_UTF8_key()
    {
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))), GatewayDirectory.Hash(Key));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WideKey))), GatewayDirectory.Hash(WideKey));
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + Key, "portal")]
    [InlineData("Authorization", "bearer " + Key, "portal")]
    [InlineData("Authorization", "Bearer    " + Key + "  ", "portal")]
    [InlineData("Authorization", "Bearer " + WideKey, "wide")]
    [InlineData("api-key", Key, "portal")]
    public void A_configured_key_names_its_app(string header, string value, string app)
    {
        var caller = Directory.Authenticate(Request((header, value)), out var error);

        Assert.Null(error);
        Assert.Equal(app, caller?.App);
        Assert.Equal("gateway:" + app, caller?.Workflow);
    }

    [Theory]
    [InlineData("Authorization", "Bearer sk-not-a-key", "invalid_api_key")]
    [InlineData("Authorization", "Bearer    ", "invalid_api_key")] // a bearer of only spaces is an empty key: presented, wrong
    [InlineData("api-key", "sk-not-a-key", "invalid_api_key")]
    [InlineData("api-key", " " + Key, "invalid_api_key")] // api-key is taken as sent (not trimmed)
    [InlineData("Authorization", "Bearer ", "missing_api_key")] // nothing after the scheme
    [InlineData("Authorization", "Basic " + Key, "missing_api_key")]
    [InlineData("api-key", "", "missing_api_key")]
    [InlineData("x-other", Key, "missing_api_key")]
    public void Anything_else_is_a_401_with_the_reason(string header, string value, string code)
    {
        var caller = Directory.Authenticate(Request((header, value)), out var error);

        Assert.Null(caller);
        Assert.Equal(401, error?.Status);
        Assert.Equal(code, error?.Code);
    }

    [Fact]
    public void A_bearer_token_is_read_before_api_key()
    {
        var caller = Directory.Authenticate(Request(("Authorization", "Bearer sk-not-a-key"), ("api-key", Key)), out var error);

        Assert.Null(caller);
        Assert.Equal("invalid_api_key", error?.Code);
    }

    private static HttpRequest Request(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    private static GatewayDirectory Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Routes:chat:Targets:0:Provider"] = "fake",
        }).Build();
        var options = new GatewayOptions
        {
            Apps =
            {
                ["portal"] = new GatewayAppOptions { Tenant = "contoso", KeySha256 = [GatewayDirectory.Hash(Key).ToUpperInvariant()], Routes = ["*"] },
                ["wide"] = new GatewayAppOptions { Tenant = "fabrikam", KeySha256 = [GatewayDirectory.Hash(WideKey)], Routes = ["chat"] },
            },
        };
        return new GatewayDirectory(Options.Create(options), new EffectiveAiConfiguration(configuration));
    }
}
