using System.Net;
using AiFunctions.Console.Api;
using AiFunctions.Console.Components.Shared;
using AiFunctions.Console.Time;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Console.Tests.Components;

/// <summary>bUnit tests of the shared components: times in the viewer's zone, the candidate card, error states.</summary>
public sealed class ComponentTests : BunitContext
{
    private readonly ViewerTimeZone _zone = new();

    public ComponentTests() => Services.AddSingleton(_zone);

    [Fact]
    public void A_time_is_shown_in_the_viewers_zone_and_follows_it_when_the_browser_answers()
    {
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var cut = Render<LocalTime>(p => p.Add(c => c.Value, at));
        Assert.Contains("2026-11-30 09:00:00 UTC", cut.Markup, StringComparison.Ordinal);

        _zone.Set("America/New_York");
        cut.WaitForAssertion(() => Assert.Contains("2026-11-30 04:00:00 UTC−05:00", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("2026-11-30T09:00:00.0000000+00:00", cut.Find("time").GetAttribute("datetime"));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_UTC()
    {
        _zone.Set("Not/AZone");
        Assert.Equal(TimeZoneInfo.Utc, _zone.Zone);
        var cut = Render<LocalTime>(p => p.Add(c => c.Value, (DateTimeOffset?)null));
        Assert.Contains("—", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_candidate_card_shows_evidence_concerns_hold_reasons_flags_and_provenance()
    {
        var candidate = new CandidateResult(
            "c-7", "Test Person", "Screened",
            new Assessment([new CriterionAssessment("must-1", 82, true, ["Built services in C# for six years."], "Matches.")], true, 82, ["No mentoring evidence."], "Summary text."),
            new Provenance("hr.screen-resume", "2026-11-27.1", "screening", "azure", "azure-openai", "1.0.0", "gpt-4o-mini", true, 2, true),
            [new SanitizerFlag("PromptInjection", "ignore-previous-instructions: 1 occurrence(s)")],
            3, DateTimeOffset.UtcNow, null, null,
            new CandidateHold(["PromptInjection: ignore-previous-instructions"], null, null, null));
        var cut = Render<CandidateCard>(p => p.Add(c => c.Candidate, candidate));

        Assert.Equal("Built services in C# for six years.", cut.Find("q").TextContent);
        Assert.Contains("No mentoring evidence.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("held", cut.Find("h3").TextContent, StringComparison.Ordinal);
        Assert.Contains("PromptInjection: ignore-previous-instructions", cut.Find("[data-testid=hold-reasons]").TextContent, StringComparison.Ordinal);
        var provenance = cut.Find("[data-testid=provenance]").TextContent;
        Assert.Contains("azure (plugin azure-openai 1.0.0)", provenance, StringComparison.Ordinal);
        Assert.Contains("model gpt-4o-mini", provenance, StringComparison.Ordinal);
        Assert.Contains("2 attempt(s), repaired", provenance, StringComparison.Ordinal);
        Assert.Contains("3 personal-data item(s) redacted", provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_offers_a_retry_only_when_retrying_can_help_and_says_when_the_API_refused()
    {
        var calls = 0;
        var transient = Render<ErrorNotice>(p => p.Add(c => c.Error, new ApiException(HttpStatusCode.ServiceUnavailable, "unavailable", "Storage unavailable", "Retry after 5 s."))
            .Add(c => c.Retry, () => calls++));
        transient.Find("button").Click();
        Assert.Equal(1, calls);

        var denied = Render<ErrorNotice>(p => p.Add(c => c.Error, new ApiException(HttpStatusCode.Forbidden, "forbidden", "Forbidden", "Needs Operator."))
            .Add(c => c.Retry, () => calls++));
        Assert.Empty(denied.FindAll("button"));
        Assert.Contains("refused", denied.Markup, StringComparison.Ordinal);

        var bad = Render<ErrorNotice>(p => p.Add(c => c.Error, new ApiException(HttpStatusCode.BadRequest, "validation", "Bad input", "comment is too long."))
            .Add(c => c.Retry, () => calls++));
        Assert.Empty(bad.FindAll("button"));
    }
}
