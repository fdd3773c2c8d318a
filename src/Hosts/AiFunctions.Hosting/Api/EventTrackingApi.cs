using AiFunctions.Events.Tracking;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Following events, host-agnostic: what became of an inbound event (by its CloudEvents <c>source</c> and <c>id</c>)
/// and which outbound events were published. Its routes sit beside <see cref="ApiRoutes.All"/> and
/// <see cref="EventApi.Routes"/>; both hosts serve them.
/// </summary>
public sealed class EventTrackingApi(IEventOutcomeStore outcomes, OutboundEventLog outbound)
{
    public static ApiRoute GetInboundEventRoute { get; } = new("GetInboundEvent", "GET", "api/events/inbound", Security.ApiPolicies.EventReader);

    public static ApiRoute ListOutboundEventsRoute { get; } = new("ListOutboundEvents", "GET", "api/events/outbound", Security.ApiPolicies.EventReader);

    /// <summary>The caller's tenant's inbound events by latest outcome, most recent first, paged.</summary>
    public static ApiRoute ListInboundEventsRoute { get; } = new("ListInboundEvents", "GET", "api/events/inbound/recent", Security.ApiPolicies.EventReader);

    /// <summary>Default events per page of <see cref="ListInboundAsync"/>.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The event-tracking routes.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } = [GetInboundEventRoute, ListInboundEventsRoute, ListOutboundEventsRoute];

    /// <summary>
    /// GET /api/events/inbound?source=&amp;id=: the event's last known outcome (<see cref="InboundEventOutcome"/>); 404
    /// for an event of another tenant, as for one never received.
    /// </summary>
    public async Task<IResult> GetInboundAsync(HttpRequest request, string? source, string? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add("source is missing: pass the CloudEvents source of the event as the 'source' query parameter (e.g. ?source=/ats/workday&id=e-1).");
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("id is missing: pass the CloudEvents id of the event as the 'id' query parameter.");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var outcome = await outcomes.GetAsync(source!, id!, cancellationToken).ConfigureAwait(false);
        return outcome is null || !string.Equals(outcome.Tenant, caller.Tenant, StringComparison.Ordinal)
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, "not-found", "Unknown event",
                $"No event with source '{Truncate(source!)}' and id '{Truncate(id!)}' was received here. Check both (the source is matched exactly), or deliver it to POST /api/events.")
            : Results.Json(outcome, ApiJson.Options);
    }

    /// <summary>GET /api/events/outbound?type=&amp;about=&amp;max=: the caller's tenant's recently published outbound events, newest first.</summary>
    public IResult ListOutbound(HttpRequest request, string? type, string? about, int? max)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (max is < 1 or > OutboundEventLog.Capacity)
        {
            return ApiProblems.Validation([$"max is {max}: use 1 to {OutboundEventLog.Capacity}."]);
        }

        return Results.Json(new OutboundEventList(outbound.Recent(caller.Tenant, max ?? 100, type, about)), ApiJson.Options);
    }

    /// <summary>
    /// GET /api/events/inbound/recent?pageSize=&amp;continuationToken=: the caller's tenant's inbound events with their latest
    /// outcome and correlation id, the most recently recorded first (<see cref="InboundEventList"/>; <c>pageSize</c>
    /// 1-<see cref="InboundEventPage.MaxPageSize"/>, default <see cref="DefaultPageSize"/>). The token is opaque (base64url
    /// of the store's) and carries no tenant. 400 naming the parameter for a bad page size or token.
    /// </summary>
    public async Task<IResult> ListInboundAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var errors = new List<string>();
        var pageSize = ApiPaging.PageSize(request, DefaultPageSize, InboundEventPage.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        string? storeToken = null;
        if (request.Query["continuationToken"].ToString() is { Length: > 0 } token)
        {
            try
            {
                storeToken = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
            }
            catch (FormatException)
            {
                return ListingApi.BadToken();
            }
        }

        InboundEventPage page;
        try
        {
            page = await outcomes.ListRecentAsync(caller.Tenant, pageSize, storeToken, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex) when (storeToken is not null && ex.ParamName == "continuationToken")
        {
            return ListingApi.BadToken();
        }

        var next = page.ContinuationToken is { } n ? System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(n)) : null;
        return Results.Json(
            new InboundEventList([.. page.Items.Where(o => string.Equals(o.Tenant, caller.Tenant, StringComparison.Ordinal))], next, ApiPaging.NextUri(request, next)),
            ApiJson.Options);
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>Answer of <c>GET /api/events/inbound/recent</c>: one page of the caller's tenant's inbound events, most recently recorded first.</summary>
/// <param name="Items">Each event's latest outcome (source, id, type, disposition, instance, entity, reason, description, when, tenant, correlation id).</param>
/// <param name="ContinuationToken">Pass it back as <c>continuationToken</c> for the next page; null on the last page.</param>
/// <param name="NextUri">The next page's address; null on the last page.</param>
public sealed record InboundEventList(IReadOnlyList<InboundEventOutcome> Items, string? ContinuationToken, string? NextUri);

/// <summary>Answer of <c>GET /api/events/outbound</c>: published outbound events, newest first (this process, last 500).</summary>
public sealed record OutboundEventList(IReadOnlyList<PublishedEvent> Events);
