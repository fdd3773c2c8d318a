using System.Net;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Every endpoint that takes a timestamp in its query reads it the same way: not a timestamp, or earlier than Table
/// storage's first instant (1601-01-01 UTC), is a 400 naming the parameter and the fix, never a 5xx from the store;
/// the caller's value is quoted back cut to 40 characters.
/// </summary>
public sealed class QueryTimestampTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    public static TheoryData<string, string, string> BadTimestamps => new()
    {
        { "auditor", "/api/manage/audit/decisions?updatedFrom=yesterday", "updatedFrom 'yesterday' is not a timestamp: use RFC 3339" },
        { "auditor", "/api/manage/audit/decisions?updatedTo=0001-01-01T00:00:00Z", "updatedTo '0001-01-01T00:00:00Z' is before 1601-01-01" },
        { "operator", "/api/manage/usage?from=0001-01-01T00:00:00Z", "from '0001-01-01T00:00:00Z' is before 1601-01-01" },
        { "operator", "/api/manage/usage?to=13/13/2026", "to '13/13/2026' is not a timestamp" },
        { "operator", "/api/migrations/shadows/screening/report?since=last%20week", "since 'last week' is not a timestamp: use RFC 3339" },
        { "operator", "/api/migrations/shadows/screening/report?since=1066-10-14T09:00:00Z", "since '1066-10-14T09:00:00Z' is before 1601-01-01" },
        { "auditor", "/api/screenings?updatedFrom=" + new string('9', 200), "updatedFrom '" + new string('9', 40) + "…' is not a timestamp" },
        { "operator", "/api/migrations/shadows/screening/report?format=" + new string('x', 200), "format '" + new string('x', 40) + "…' is not supported" },
    };

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public async Task A_bad_timestamp_is_a_400_naming_the_parameter_and_the_fix(string principal, string uri, string expected)
    {
        using var client = factory.CreateClientFor(principal);

        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('9', 41), detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 41), detail, StringComparison.Ordinal);
    }
}
