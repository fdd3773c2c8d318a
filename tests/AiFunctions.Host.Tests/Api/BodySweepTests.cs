using System.Net;
using System.Text;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// The bad-input standard on every route that reads a JSON body, walked from the route tables (so a route added later
/// is covered): a wrong media type or charset, an empty body, JSON null, an array for an object, a duplicate key,
/// bytes that are not UTF-8, nesting past the reader's depth and a body that is not JSON at all each get a 4xx
/// problem with a detail — never a 2xx (accepted) and never a 5xx — for a caller holding every role.
/// </summary>
public sealed class BodySweepTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    /// <summary>Routes that read a JSON body (the webhook has its own protocol and its own tests).</summary>
    private static readonly ApiRoute[] BodyRoutes =
    [
        ApiRoutes.StartScreening, ApiRoutes.ReviewScreening, ApiRoutes.StartJobDescription, ApiRoutes.ReviewJobDescription,
        ApiRoutes.UploadResume, ManagementRoutes.ChangeRoute, ManagementRoutes.RollbackRoute, MigrationApi.StartReplay,
        MigrationApi.StartDraftingReplay,
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in BodyRoutes)
        {
            foreach (var hostile in new[] { "text/plain", "charset-bogus", "charset-latin1", "empty", "null", "array", "duplicate-key", "not-utf8", "deep", "not-json", "number" })
            {
                data.Add(route.Name, hostile);
            }
        }

        return data;
    }

    [Fact]
    public void Every_post_and_put_route_but_the_webhook_and_dead_letter_replay_is_in_the_sweep()
    {
        var all = ApiRoutes.All.Concat(ManagementRoutes.All).Concat(ListingApi.Routes).Concat(EventTrackingApi.Routes).Concat(EventApi.Routes)
            .Where(r => r.Method is "POST" or "PUT")
            .Select(r => r.Name)
            .Except(["ReceiveEvents", "ReplayDeadLetters", "EraseCandidate", "CancelMigrationReplay"])
            .Order(StringComparer.Ordinal);

        Assert.Equal(all, BodyRoutes.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_body_is_a_4xx_problem_with_a_detail_on_every_json_route(string routeName, string hostile)
    {
        var route = BodyRoutes.Single(r => r.Name == routeName);
        using var client = factory.CreateAuthorizedClient();
        var path = route.Pattern.Replace("{id}", "sweep-" + Guid.NewGuid().ToString("N")[..6], StringComparison.Ordinal).Replace("{route}", "screening", StringComparison.Ordinal);
        var (contentType, body) = hostile switch
        {
            "text/plain" => ("text/plain", "{}"u8.ToArray()),
            "charset-bogus" => ("application/json; charset=bogus", "{}"u8.ToArray()),
            "charset-latin1" => ("application/json; charset=iso-8859-1", "{}"u8.ToArray()),
            "empty" => ("application/json", []),
            "null" => ("application/json", "null"u8.ToArray()),
            "array" => ("application/json", "[{}]"u8.ToArray()),
            "duplicate-key" => ("application/json", "{\"decision\":\"Approve\",\"decision\":\"Reject\",\"text\":\"a\",\"text\":\"b\"}"u8.ToArray()),
            "not-utf8" => ("application/json", new byte[] { (byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}' }),
            "deep" => ("application/json", Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
            "not-json" => ("application/json", "decision=Approve"u8.ToArray()),
            "number" => ("application/json", "42"u8.ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(hostile)),
        };
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative)) { Content = content };

        using var response = await client.SendAsync(request);

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500 and not 401 and not 403, $"{route} with a {hostile} body answered {status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(text);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), text);
    }
}
