using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiFunctions.Host.Tests.Support;

public static class ApiPolling
{
    /// <summary>Polls GET /api/screenings/{id} until its status is <paramref name="wanted"/>; fails with the last body on timeout.</summary>
    public static Task<JsonElement> WaitForStatusAsync(HttpClient client, string batchId, string wanted, TimeSpan timeout, Func<JsonElement, bool>? stopEarly = null) =>
        WaitUntilAsync(client, $"/api/screenings/{batchId}", b => b.GetProperty("status").GetString() == wanted || (stopEarly?.Invoke(b) ?? false), timeout, $"batch {batchId} to reach {wanted}");

    /// <summary>Polls GET <paramref name="path"/> until <paramref name="condition"/> holds; fails if the orchestration ended badly or on timeout.</summary>
    public static async Task<JsonElement> WaitUntilAsync(HttpClient client, string path, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = "(no response)";
        while (clock.Elapsed < timeout)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var body = JsonDocument.Parse(last).RootElement.Clone();
                if (condition(body))
                {
                    return body;
                }

                if (body.TryGetProperty("runtimeStatus", out var rs) && rs.GetString() is "Failed" or "Terminated")
                {
                    throw new Xunit.Sdk.XunitException($"Waiting for {what}: the orchestration ended as {rs.GetString()}: {last}");
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Last answer: {last}");
    }

    /// <summary>Asserts 202 Accepted, showing the body (a problem-details) when it is not.</summary>
    public static async Task AssertAcceptedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Hosting.Api.ApiJson.Options);
}
