using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AiFunctions.Hosting.Api;

namespace AiFunctions.ScreeningJob;

/// <summary>
/// The job's optional migration step (<c>--replay</c>, docs/migration.md): replays the screened batch on a second target
/// through <c>POST /api/migrations/replays</c>, follows its progress, and writes the replay's and the screening route's
/// shadow migration reports as Markdown under <c>.run/screening-job/</c>.
/// </summary>
internal sealed class MigrationStep(HttpClient http, TextWriter output, Stopwatch clock)
{
    public const string SecondInstance = "local-b";
    public const string Model = "hr-rules-v1";

    /// <summary>Host settings: the second instance, and the screening route shadowed on it for every call.</summary>
    public static IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        [$"AiFunctions__Providers__{SecondInstance}__Plugin"] = "local",
        [$"AiFunctions__Providers__{SecondInstance}__Models__0"] = Model,
        ["AiFunctions__Routes__screening__Shadow__Target__Provider"] = SecondInstance,
        ["AiFunctions__Routes__screening__Shadow__Target__Model"] = Model,
        ["AiFunctions__Routes__screening__Shadow__SampleRate"] = "1",
    };

    public async Task RunAsync(string batchId, string runDir, CancellationToken cancellationToken)
    {
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Replaying batch {batchId} on {SecondInstance}/{Model} (POST {MigrationApi.StartReplay.Pattern})...");
        string replayId;
        using (var start = await http.PostAsJsonAsync(new Uri(MigrationApi.StartReplay.Pattern, UriKind.Relative), new { batchId, target = new { provider = SecondInstance, model = Model } }, ApiJson.Options, cancellationToken).ConfigureAwait(false))
        {
            var body = await start.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!start.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST {MigrationApi.StartReplay.Pattern} answered {(int)start.StatusCode}: {body}");
            }

            replayId = JsonDocument.Parse(body).RootElement.GetProperty("replayId").GetString()!;
        }

        var last = string.Empty;
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/migrations/replays/{replayId}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
            var status = doc.RootElement.GetProperty("status").GetString();
            var progress = doc.RootElement.GetProperty("progress");
            var line = $"replay {status}: {progress.GetProperty("done").GetInt32()}/{progress.GetProperty("total").GetInt32()} candidates";
            if (line != last)
            {
                output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}");
                last = line;
            }

            if (status is "Completed" or "Failed" or "Cancelled")
            {
                break;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        var replayReport = Path.Combine(runDir, "migration-report.md");
        await File.WriteAllTextAsync(replayReport, await http.GetStringAsync(new Uri($"/api/migrations/replays/{replayId}/report?format=markdown", UriKind.Relative), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/migrations/replays/{replayId}/report", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {json.RootElement.GetProperty("verdict").GetString()}");
        output.WriteLine($"         Replay report: {replayReport}");

        var shadowReport = Path.Combine(runDir, "shadow-report.md");
        await File.WriteAllTextAsync(shadowReport, await http.GetStringAsync(new Uri("/api/migrations/shadows/screening/report?format=markdown", UriKind.Relative), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"         Shadow report of the screening route: {shadowReport}");
    }
}
