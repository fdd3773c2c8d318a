using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;
using AiFunctions.Hosting.Management;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Routes changed at run time through <c>/api/manage/routes</c>: validated by the kernel's start-up rules (400 naming the
/// body field), recorded (who, when, before, after, reason), applied to the next kernel call without a restart (two
/// loopback providers: the call arrives at the new target), rolled back, guarded by version (412/409) and by role (403).
/// Tests share one host and so read the current version before they change anything.
/// </summary>
public sealed class RouteManagementTests(TwoTargetHostFactory factory) : IClassFixture<TwoTargetHostFactory>
{
    private const string Path = "/api/manage/routes/screening";

    private static string OnTarget(string provider, int weight = 1, string extra = "") =>
        $$"""{"strategy":"Failover","targets":[{"provider":"{{provider}}","model":"{{FakeOpenAIServer.Model}}","weight":{{weight}}}],"timeout":"00:00:20","maxRetries":0{{extra}}}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<ManagedRoute> CurrentAsync(HttpClient client)
    {
        var route = await client.GetFromJsonAsync<ManagedRoute>(Path, ApiJson.Options);
        return route!;
    }

    private async Task<HttpResponseMessage> PutAsync(HttpClient client, string body, int? ifMatch = null, string? reason = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Path + (reason is null ? string.Empty : "?reason=" + Uri.EscapeDataString(reason))) { Content = Json(body) };
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        return await client.SendAsync(request);
    }

    private async Task<string> AskRouteAsync()
    {
        var chat = factory.Services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("screening"));
        var before = (factory.A.Calls, factory.B.Calls);
        await chat.GetResponseAsync("Say hello.");
        return factory.A.Calls > before.Item1 ? "a" : factory.B.Calls > before.Item2 ? "b" : "none";
    }

    [Fact]
    public async Task A_change_is_recorded_with_who_when_before_and_after_and_the_next_call_uses_it_then_rollback_restores()
    {
        using var client = factory.CreateClientFor("service-ops");
        await AskRouteAsync(); // the route's client exists and is in use before the change
        var start = await CurrentAsync(client);
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var changed = await PutAsync(client, OnTarget("b"), start.Version, "move screening to b");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal($"\"{start.Version + 1}\"", changed.Headers.ETag?.Tag);
        var version = (await changed.Content.ReadFromJsonAsync<RouteVersion>(ApiJson.Options))!;
        Assert.Equal(start.Version + 1, version.Version);
        Assert.Equal(RouteVersionKind.Change, version.Kind);
        Assert.Equal("service-ops", version.ChangedBy);
        Assert.InRange(version.ChangedAt!.Value, startedAt, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("move screening to b", version.Reason);
        Assert.Equal(start.Settings.Targets.Single().Provider, version.Before!.Targets.Single().Provider);
        Assert.Equal("b", version.After.Targets.Single().Provider);
        Assert.Equal(TimeSpan.FromSeconds(20), version.After.Timeout);

        Assert.Equal("b", await AskRouteAsync());
        var now = await CurrentAsync(client);
        Assert.Equal((version.Version, version.Version, "service-ops"), (now.Version, now.AppliedVersion, now.ChangedBy));
        Assert.Equal("b/" + FakeOpenAIServer.Model, now.Targets.Single().Target);

        var history = (await client.GetFromJsonAsync<RouteVersionList>(Path + "/versions", ApiJson.Options))!;
        Assert.Equal(version.Version, history.Items[0].Version);
        Assert.Equal((0, RouteVersionKind.Configuration, "a"), (history.Items[^1].Version, history.Items[^1].Kind, history.Items[^1].After.Targets.Single().Provider));

        using var rollback = await client.PostAsync(Path + "/rollback", Json("""{"toVersion":0,"reason":"back to the configuration"}"""));

        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var restored = (await rollback.Content.ReadFromJsonAsync<RouteVersion>(ApiJson.Options))!;
        Assert.Equal((version.Version + 1, RouteVersionKind.Rollback, 0), (restored.Version, restored.Kind, restored.RolledBackTo));
        Assert.Equal("b", restored.Before!.Targets.Single().Provider);
        Assert.Equal("a", restored.After.Targets.Single().Provider);
        Assert.Equal("a", await AskRouteAsync());

        using var again = await client.PostAsync(Path + "/rollback", Json($$"""{"toVersion":{{version.Version}}}"""));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("b", await AskRouteAsync());
        using var home = await client.PostAsync(Path + "/rollback", Json("""{"toVersion":0}"""));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Theory]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-4o-mini","weight":0}]}""", "'targets[0].weight' is 0")]
    [InlineData("""{"targets":[{"provider":"nowhere","model":"gpt-4o-mini"}]}""", "'targets[0].provider' is 'nowhere', which is not a configured provider instance")]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-5-imaginary"}]}""", "'targets[0].model' is 'gpt-5-imaginary'")]
    [InlineData("""{"targets":[]}""", "has no targets")]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-4o-mini"}],"timeout":"00:00:00"}""", "'timeout' is 00:00:00; use a value between")]
    public async Task A_change_is_validated_like_start_up_and_a_bad_one_is_400_naming_the_field(string body, string expected)
    {
        using var client = factory.CreateClientFor("service-ops");
        var before = await CurrentAsync(client);

        using var response = await PutAsync(client, body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Version, (await CurrentAsync(client)).Version);
    }

    [Theory]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-4o-mini","wieght":2}]}""", "wieght")]
    [InlineData("""{"strategy":"Random","targets":[{"provider":"a","model":"gpt-4o-mini"}]}""", "Failover, Weighted")]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-4o-mini","weight":"2"}]}""", "targets[0].weight")]
    [InlineData("""{"targets":[null]}""", "targets holds a null entry")]
    [InlineData("""{"targets":null}""", "targets")]
    [InlineData("""{"targets":[{"provider":null,"model":"gpt-4o-mini"}]}""", "provider")]
    [InlineData("""{"targets":[{"provider":"a","model":null}]}""", "model")]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-4o-mini"}],"shadow":{"target":{"provider":"b","model":"gpt-4o-mini"},"sampleRate":0.5,"functions":null}}""", "functions")]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-4o-mini"}],"shadow":{"target":{"provider":"b","model":"gpt-4o-mini"},"sampleRate":0.5,"budget":null}}""", "budget")]
    [InlineData("""{"targets":[{"provider":"a","model":"gpt-4o-mini"}],"shadow":{"target":{"provider":"b","model":"gpt-4o-mini"},"sampleRate":0.5,"functions":{"resume-screening":null}}}""", "functions")]
    public async Task A_body_that_is_not_route_settings_is_400_naming_the_property(string body, string expected)
    {
        using var client = factory.CreateClientFor("service-ops");

        using var response = await PutAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_against_a_stale_version_is_412_naming_the_current_version()
    {
        using var client = factory.CreateClientFor("service-ops");
        var current = await CurrentAsync(client);

        using var response = await PutAsync(client, OnTarget("a", weight: 3), current.Version + 5);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed, "version-mismatch");
        Assert.Equal(current.Version, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains($"If-Match: \\\"{current.Version}\\\"", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_changes_each_get_a_distinct_version_or_409()
    {
        using var client = factory.CreateClientFor("service-ops");
        var start = await CurrentAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PutAsync(client, OnTarget("a", weight: i + 1))));

        var won = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var versions = await Task.WhenAll(won.Select(async r => (await r.Content.ReadFromJsonAsync<RouteVersion>(ApiJson.Options))!.Version));
        Assert.Equal(versions.Length, versions.Distinct().Count());
        Assert.Equal(start.Version + won.Count, (await CurrentAsync(client)).Version);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Theory]
    [InlineData("submitter")]
    [InlineData("reviewer")]
    [InlineData("auditor")]
    [InlineData("operator")]
    public async Task Only_a_service_operator_changes_or_rolls_back_a_route_and_the_403_names_the_role(string principal)
    {
        using var client = factory.CreateClientFor(principal);
        using var reader = factory.CreateClientFor("service-ops");
        var before = await CurrentAsync(reader);

        using var put = await PutAsync(client, OnTarget("b"));
        using var rollback = await client.PostAsync(Path + "/rollback", Json("""{"toVersion":0}"""));

        foreach (var response in new[] { put, rollback })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
            Assert.Contains("needs the role ServiceOperator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before.Version, (await CurrentAsync(reader)).Version);
    }

    [Fact]
    public async Task A_tenant_operator_still_reads_routes_and_their_history()
    {
        using var client = factory.CreateClientFor("operator");

        var list = (await client.GetFromJsonAsync<ManagedRouteList>("/api/manage/routes", ApiJson.Options))!;
        using var history = await client.GetAsync(new Uri(Path + "/versions", UriKind.Relative));

        Assert.Contains(list.Routes, r => r.Route == "screening");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
    }

    [Fact]
    public async Task An_auditor_reads_routes_and_their_history()
    {
        using var client = factory.CreateClientFor("auditor");

        var list = (await client.GetFromJsonAsync<ManagedRouteList>("/api/manage/routes", ApiJson.Options))!;
        var history = (await client.GetFromJsonAsync<RouteVersionList>(Path + "/versions?pageSize=1", ApiJson.Options))!;

        Assert.Contains(list.Routes, r => r.Route == "screening");
        Assert.Single(history.Items);
    }

    [Fact]
    public async Task Unknown_routes_and_versions_are_named()
    {
        using var client = factory.CreateClientFor("service-ops");

        using var unknown = await client.PutAsync("/api/manage/routes/nope", Json(OnTarget("a")));
        using var version = await client.PostAsync(Path + "/rollback", Json("""{"toVersion":9999}"""));
        using var missing = await client.PostAsync(Path + "/rollback", Json("""{}"""));

        var a = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
        Assert.Contains("screening", a.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var b = await ProblemAssert.IsProblemAsync(version, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("toVersion 9999", b.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var c = await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("toVersion is missing", c.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1\", \"2\"", "If-Match")]
    [InlineData("W/\"abc\"", "If-Match")]
    [InlineData("\"-1\"", "If-Match")]
    [InlineData("\"99999999999999\"", "If-Match")]
    [InlineData("\" 1\"", "If-Match")]
    public async Task An_if_match_that_is_not_one_route_version_is_400_naming_the_header_and_changes_nothing(string ifMatch, string expected)
    {
        using var client = factory.CreateClientFor("service-ops");
        var before = await CurrentAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Put, Path) { Content = Json(OnTarget("a", weight: 7)) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        using var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Version, (await CurrentAsync(client)).Version);
    }

    [Fact]
    public async Task A_rollback_to_the_version_running_now_or_to_no_version_is_400_and_stores_nothing()
    {
        using var client = factory.CreateClientFor("service-ops");
        using (var put = await PutAsync(client, OnTarget("a", weight: 4)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var current = await CurrentAsync(client);
        foreach (var body in new[] { $$"""{"toVersion":{{current.Version}}}""", """{"toVersion":-1}""", $$"""{"toVersion":{{current.Version + 1}}}""", """{"toVersion":2147483647}""", """{"toVersion":1.5}""", """{"toVersion":"0"}""" })
        {
            using var response = await client.PostAsync(Path + "/rollback", Json(body));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Contains("toVersion", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(current.Version, (await CurrentAsync(client)).Version);
    }

    [Fact]
    public async Task A_reason_over_500_characters_or_with_control_characters_is_400_and_a_huge_body_is_refused_without_a_5xx()
    {
        using var client = factory.CreateClientFor("service-ops");
        var before = await CurrentAsync(client);

        using var longReason = await PutAsync(client, OnTarget("a"), reason: new string('r', 501));
        using var newline = await PutAsync(client, OnTarget("a"), reason: "one\ntwo");
        var manyTargets = "{\"targets\":[" + string.Join(',', Enumerable.Repeat("""{"provider":"nowhere","model":"m","weight":0}""", 20_000)) + "]}";
        using var huge = await PutAsync(client, manyTargets);

        foreach (var response in new[] { longReason, newline })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.Contains("reason", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var hugeProblem = await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.BadRequest, "validation");
        Assert.True(hugeProblem.GetRawText().Length < 20_000, "the problem lists each distinct problem once, not 20,000 lines");
        Assert.Equal(before.Version, (await CurrentAsync(client)).Version);
    }

    [Fact]
    public async Task Versions_page_newest_first_down_to_the_configuration()
    {
        using var client = factory.CreateClientFor("service-ops");
        for (var i = 0; i < 3; i++)
        {
            using var r = await PutAsync(client, OnTarget("a", weight: 10 + i));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var seen = new List<int>();
        string? next = Path + "/versions?pageSize=2";
        while (next is not null)
        {
            var page = (await client.GetFromJsonAsync<RouteVersionList>(next, ApiJson.Options))!;
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(v => v.Version));
            next = page.NextUri;
        }

        Assert.Equal(Enumerable.Range(0, seen[0] + 1).Reverse(), seen);
    }
}
