using System.Net;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Tests.Api;

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
    public async Task Every_other_endpoint_answers_401_problem_details_without_a_key(string method, string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await client.SendAsync(request);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(ApiKeyHeader.Name, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/reference")]
    public async Task The_contract_and_its_reference_page_are_anonymous(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_answers_401()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, InMemoryHostFactory.ApiKey + "x");
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_configured_key_is_accepted()
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.GetAsync(new Uri("/api/routes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Key_comparison_accepts_only_an_exact_configured_key()
    {
        string[] keys = ["first-key-0123456789", "second-key-0123456789"];
        Assert.True(ApiKeyHeader.IsAccepted("second-key-0123456789", keys));
        Assert.False(ApiKeyHeader.IsAccepted("second-key-012345678", keys));
        Assert.False(ApiKeyHeader.IsAccepted(string.Empty, keys));
        Assert.False(ApiKeyHeader.IsAccepted(null, keys));
        Assert.False(ApiKeyHeader.IsAccepted("anything", []));
    }
}
