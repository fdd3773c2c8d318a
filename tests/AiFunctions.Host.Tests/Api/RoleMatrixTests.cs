using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;
using AiFunctions.Hosting.Security;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// The whole role × endpoint matrix: every route of <see cref="ApiRoutes.All"/>, <see cref="EventApi.Routes"/>, <see cref="EventTrackingApi.Routes"/> and
/// <see cref="ListingApi.Routes"/> and <see cref="ManagementRoutes.All"/>, called
/// without credentials, with an API key of each single role and with a bearer token of each single role. A role the
/// route's policy names gets past authorization (whatever the handler then answers, never a 5xx except dead letters
/// without Service Bus); any other role gets 403; no credentials 401.
/// </summary>
public sealed class RoleMatrixTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    private static IEnumerable<ApiRoute> Routes => [.. ApiRoutes.All, .. EventApi.Routes, .. EventTrackingApi.Routes, .. ListingApi.Routes, .. ManagementRoutes.All];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in Routes)
        {
            data.Add(route.Name, "none", "none");
            foreach (var role in ApiRoles.All)
            {
                data.Add(route.Name, role, "key");
                data.Add(route.Name, role, "token");
            }
        }

        return data;
    }

    [Fact]
    public void Every_route_declares_a_known_policy_or_is_anonymous()
    {
        foreach (var route in Routes)
        {
            Assert.True(route.Anonymous ^ route.Policy is not null, $"{route} must declare exactly one of a policy and anonymous.");
            Assert.True(route.Anonymous || ApiPolicies.Roles.ContainsKey(route.Policy!), $"{route} names unknown policy '{route.Policy}'.");
        }

        Assert.Equal(["Health", "HealthLive", "HealthReady", "ReceiveEvents"], Routes.Where(r => r.Anonymous).Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_route_answers_by_the_callers_role(string routeName, string role, string credential)
    {
        var route = Routes.Single(r => r.Name == routeName);
        using var client = factory.CreateClient();
        if (credential == "key")
        {
            client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, InMemoryHostFactory.KeyOf(role.ToLowerInvariant()));
        }
        else if (credential == "token")
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHostFactory.CreateToken($"{role}@contoso.example", "contoso", [role]));
        }

        var path = "/" + route.Template.Replace("{id}", "matrix-id", StringComparison.Ordinal).Replace("{entity}", "screening-requests", StringComparison.Ordinal)
            .Replace("{route}", "screening", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
        if (route.Method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (route.Anonymous)
        {
            Assert.True(status is not 403 and < 500, $"{route} as {role}/{credential}: {status} {text}");
        }
        else if (credential == "none")
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }
        else if (ApiPolicies.Roles[route.Policy!].Contains(role))
        {
            var deadLettersWithoutServiceBus = route.Name.Contains("DeadLetters", StringComparison.Ordinal) && status == 503;
            Assert.True(status is not 401 and not 403 && (status < 500 || deadLettersWithoutServiceBus), $"{route} as {role}/{credential}: {status} {text}");
        }
        else
        {
            var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
            Assert.Contains(string.Join(" or ", ApiPolicies.Roles[route.Policy!]), body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
