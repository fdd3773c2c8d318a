using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiFunctions.Console.Api;

/// <summary>
/// Typed calls to the AiFunctions API as the signed-in person (<see cref="IApiCredential"/>). One instance per circuit
/// (scoped). Errors become <see cref="ApiException"/> with the API's problem title and detail; the API decides what a
/// role may do (a 403 is shown as such), the console only hides what the role cannot use.
/// </summary>
public sealed class ManagementApi(HttpClient http, IApiCredential credential)
{
    /// <summary>Name of the typed <see cref="HttpClient"/> registration.</summary>
    public const string ClientName = "aifunctions-api";

    /// <summary>Header carrying an API key (the API's <c>X-Api-Key</c>).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<CallerInfo> WhoAmIAsync(CancellationToken ct = default) => GetAsync<CallerInfo>("api/me", ct);

    /// <summary>Who an API key belongs to, asked before a sign-in (the key is sent once, never stored by this call).</summary>
    public static async Task<CallerInfo> WhoIsAsync(HttpClient http, string apiKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Add(ApiKeyHeader, apiKey);
        return await SendAsync<CallerInfo>(http, request, ct).ConfigureAwait(false);
    }

    public async Task<HealthReport> GetReadinessAsync(CancellationToken ct = default)
    {
        // Anonymous, and 503 carries the same body naming the dependency that is down.
        using var request = new HttpRequestMessage(HttpMethod.Get, "health/ready");
        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync<HealthReport>(Json, ct).ConfigureAwait(false)
                ?? new HealthReport(response.StatusCode.ToString(), null);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
    }

    public Task<ScreeningBatchList> ListScreeningsAsync(string? status, string? continuationToken, int pageSize = 50, CancellationToken ct = default) =>
        GetAsync<ScreeningBatchList>("api/screenings" + Query(("status", status), ("continuationToken", continuationToken), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture))), ct);

    public Task<ScreeningStatus> GetScreeningAsync(string batchId, CancellationToken ct = default) =>
        GetAsync<ScreeningStatus>($"api/screenings/{Uri.EscapeDataString(batchId)}", ct);

    public Task<ScreeningResults> GetResultsAsync(string batchId, CancellationToken ct = default) =>
        GetAsync<ScreeningResults>($"api/screenings/{Uri.EscapeDataString(batchId)}/results", ct);

    public Task<JsonElement> GetAuditAsync(string batchId, CancellationToken ct = default) =>
        GetAsync<JsonElement>($"api/screenings/{Uri.EscapeDataString(batchId)}/audit", ct);

    public Task<string> GetAuditCsvAsync(string batchId, CancellationToken ct = default) =>
        GetTextAsync($"api/screenings/{Uri.EscapeDataString(batchId)}/audit?format=csv", ct);

    public Task<ShortlistReviewAccepted> ReviewScreeningAsync(string batchId, ShortlistReview review, CancellationToken ct = default) =>
        PostAsync<ShortlistReviewAccepted>($"api/screenings/{Uri.EscapeDataString(batchId)}/review", review, ct);

    public Task<JobDescriptionList> ListJobDescriptionsAsync(string? status, string? continuationToken, CancellationToken ct = default) =>
        GetAsync<JobDescriptionList>("api/job-descriptions" + Query(("status", status), ("continuationToken", continuationToken)), ct);

    public Task<JobDescriptionStatus> GetJobDescriptionAsync(string id, CancellationToken ct = default) =>
        GetAsync<JobDescriptionStatus>($"api/job-descriptions/{Uri.EscapeDataString(id)}", ct);

    public Task<JobDescriptionReviewAccepted> ReviewJobDescriptionAsync(string id, JobDescriptionReviewRequest review, CancellationToken ct = default) =>
        PostAsync<JobDescriptionReviewAccepted>($"api/job-descriptions/{Uri.EscapeDataString(id)}/review", review, ct);

    public Task<ProviderCatalog> GetProvidersAsync(CancellationToken ct = default) => GetAsync<ProviderCatalog>("api/providers", ct);

    public Task<RouteCatalog> GetRoutesAsync(CancellationToken ct = default) => GetAsync<RouteCatalog>("api/routes", ct);

    public Task<InboundEventOutcome> GetInboundEventAsync(string source, string id, CancellationToken ct = default) =>
        GetAsync<InboundEventOutcome>("api/events/inbound" + Query(("source", source), ("id", id)), ct);

    public Task<InboundEventList> ListInboundEventsAsync(string? continuationToken, int pageSize = 25, CancellationToken ct = default) =>
        GetAsync<InboundEventList>("api/events/inbound/recent" + Query(("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuationToken)), ct);

    public Task<OutboundEventList> ListOutboundEventsAsync(string? type, string? about, int max = 100, CancellationToken ct = default) =>
        GetAsync<OutboundEventList>("api/events/outbound" + Query(("type", type), ("about", about), ("max", max.ToString(CultureInfo.InvariantCulture))), ct);

    public Task<IReadOnlyList<DeadLetteredMessage>> ListDeadLettersAsync(string entity, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<DeadLetteredMessage>>($"api/deadletters/{Uri.EscapeDataString(entity)}", ct);

    /// <summary>Replays one dead letter (<paramref name="messageId"/>) or all of them (null) back to their entity.</summary>
    public Task<ReplayResult> ReplayDeadLettersAsync(string entity, string? messageId, CancellationToken ct = default) =>
        PostAsync<ReplayResult>($"api/deadletters/{Uri.EscapeDataString(entity)}/replay" + Query(("messageId", messageId)), null, ct);

    public Task<ManagedRouteList> ListManagedRoutesAsync(CancellationToken ct = default) => GetAsync<ManagedRouteList>("api/manage/routes", ct);

    public Task<RouteVersionList> ListRouteVersionsAsync(string route, CancellationToken ct = default) =>
        GetAsync<RouteVersionList>($"api/manage/routes/{Uri.EscapeDataString(route)}/versions?pageSize=50", ct);

    /// <summary>
    /// Replaces <paramref name="route"/>'s settings (a new version, applied without a restart), only if the route is still
    /// at <paramref name="expectedVersion"/> (<c>If-Match</c>; otherwise the API answers 412 naming the current version).
    /// </summary>
    public async Task<RouteVersion> ChangeRouteAsync(string route, System.Text.Json.Nodes.JsonObject settings, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/manage/routes/{Uri.EscapeDataString(route)}" + Query(("reason", reason)))
        {
            Content = new StringContent(settings.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{expectedVersion.ToString(CultureInfo.InvariantCulture)}\""));
        await credential.ApplyAsync(request, ct).ConfigureAwait(false);
        return await SendAsync<RouteVersion>(http, request, ct).ConfigureAwait(false);
    }

    public Task<RouteVersion> RollbackRouteAsync(string route, int toVersion, string? reason, CancellationToken ct = default) =>
        PostAsync<RouteVersion>($"api/manage/routes/{Uri.EscapeDataString(route)}/rollback", new RouteRollbackRequest(toVersion, reason), ct);

    public Task<UsageReport> GetUsageAsync(string groupBy, string period, CancellationToken ct = default) =>
        GetAsync<UsageReport>("api/manage/usage" + Query(("groupBy", groupBy), ("period", period), ("pageSize", "1000")), ct);

    /// <summary>The budgets covering the caller's tenant with what remains (the usage report's <c>budgets</c>, one row of usage at most).</summary>
    public async Task<IReadOnlyList<BudgetState>> GetBudgetsAsync(CancellationToken ct = default) =>
        (await GetAsync<UsageReport>("api/manage/usage?groupBy=route&period=day&pageSize=1", ct).ConfigureAwait(false)).Budgets;

    public Task<string> GetUsageCsvAsync(string groupBy, string period, CancellationToken ct = default) =>
        GetTextAsync("api/manage/usage" + Query(("groupBy", groupBy), ("period", period), ("format", "csv")), ct);

    public Task<OverviewReport> GetOverviewAsync(CancellationToken ct = default) => GetAsync<OverviewReport>("api/manage/overview", ct);

    public Task<AuditDecisionList> ListDecisionAuditAsync(CancellationToken ct = default) => GetAsync<AuditDecisionList>("api/manage/audit/decisions?pageSize=50", ct);

    public Task<ErasureLogList> ListErasuresAsync(string? continuationToken, int pageSize = 25, CancellationToken ct = default) =>
        GetAsync<ErasureLogList>("api/audits/erasures" + Query(("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuationToken)), ct);

    public Task<RouteChangeList> ListRouteChangeAuditAsync(CancellationToken ct = default) => GetAsync<RouteChangeList>("api/manage/audit/route-changes?pageSize=50", ct);

    internal static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        await credential.ApplyAsync(request, ct).ConfigureAwait(false);
        return await SendAsync<T>(http, request, ct).ConfigureAwait(false);
    }

    private async Task<string> GetTextAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        await credential.ApplyAsync(request, ct).ConfigureAwait(false);
        using var response = await Send(http, request, ct).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    private async Task<T> PostAsync<T>(string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), Json);
        }

        await credential.ApplyAsync(request, ct).ConfigureAwait(false);
        return await SendAsync<T>(http, request, ct).ConfigureAwait(false);
    }

    private static async Task<T> SendAsync<T>(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await Send(http, request, ct).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct).ConfigureAwait(false)
                ?? throw new ApiException(response.StatusCode, null, "The API sent an empty answer", $"{request.Method} /{request.RequestUri}");
        }
        catch (JsonException e)
        {
            throw new ApiException(response.StatusCode, null, "The API's answer was not understood", $"{request.Method} /{request.RequestUri}: {e.Message}", e);
        }
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ApiException(HttpStatusCode.RequestTimeout, null, "The API did not answer in time", "Try again; if it persists, check the API's health on the Overview page.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var (type, title, detail) = await ReadProblemAsync(response, ct).ConfigureAwait(false);
            throw new ApiException(response.StatusCode, type, title, detail);
        }
    }

    private static ApiException Unreachable(HttpRequestException e) =>
        new(null, null, "The API cannot be reached", $"{e.Message} Check AiFunctions:Console:ApiBaseUrl and that the API is running.", e);

    private static async Task<(string? Type, string Title, string? Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var fallback = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct).ConfigureAwait(false);
            if (problem.ValueKind != JsonValueKind.Object)
            {
                return (null, fallback, null);
            }

            string? S(string name) => problem.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var type = S("type");
            return (type?[(type.LastIndexOf('/') + 1)..], S("title") ?? fallback, S("detail"));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (null, fallback, null);
        }
    }
}
