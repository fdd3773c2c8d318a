using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AiFunctions.DevServices;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Security;
using AiFunctions.ScreeningJob.Dashboard;
using AiFunctions.ScreeningJob.Sample;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.ScreeningJob;

/// <summary>
/// Runs the main job: Azurite, redis-server (when installed) and the host as child processes (owned by PID), a sample batch through the HTTP API,
/// progress until the shortlist awaits review, approval as a named reviewer, then the ranked results.
/// </summary>
internal sealed class JobRunner(JobOptions options, TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var root = RepoRoot.Find();
        var runDir = Path.Combine(root, ".run", "screening-job");
        var azuriteDir = Path.Combine(runDir, "azurite");
        if (Directory.Exists(azuriteDir))
        {
            Directory.Delete(azuriteDir, recursive: true);
        }

        Directory.CreateDirectory(runDir);
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Starting Azurite (data in {Path.GetRelativePath(root, azuriteDir)})...");
        await using var azurite = await AzuriteProcess.StartAsync(root, azuriteDir, TimeSpan.FromSeconds(60), output.WriteLine, cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Azurite pid {azurite.Pid} on 127.0.0.1:{azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort}.");

        // Fresh keys per run, one per principal: the job submits as a service caller of tenant "demo" and approves as a
        // reviewer principal. The host gets only their SHA-256 hashes; the keys stay in this process.
        const string tenant = "demo";
        var submitterKey = ApiKeyHash.NewKey();
        var reviewerKey = ApiKeyHash.NewKey();
        var settings = new Dictionary<string, string>
        {
            ["AiFunctions__Auth__ApiKeys__screening-job__KeyHash"] = ApiKeyHash.Compute(submitterKey),
            ["AiFunctions__Auth__ApiKeys__screening-job__Tenant"] = tenant,
            ["AiFunctions__Auth__ApiKeys__screening-job__Roles__0"] = ApiRoles.Submitter,
            ["AiFunctions__Auth__ApiKeys__screening-job__Roles__1"] = ApiRoles.Operator,
            ["AiFunctions__Auth__ApiKeys__screening-job__Roles__2"] = ApiRoles.ServiceOperator,
            ["AiFunctions__Auth__ApiKeys__reviewer__KeyHash"] = ApiKeyHash.Compute(reviewerKey),
            ["AiFunctions__Auth__ApiKeys__reviewer__Name"] = options.Reviewer,
            ["AiFunctions__Auth__ApiKeys__reviewer__Tenant"] = tenant,
            ["AiFunctions__Auth__ApiKeys__reviewer__Roles__0"] = ApiRoles.Reviewer,
            ["AiFunctions__Durable__StorageConnectionString"] = azurite.ConnectionString,
            ["AiFunctions__Storage__ConnectionString"] = azurite.ConnectionString,
            ["AiFunctions__Durable__TaskHubName"] = "screeningjob",
            // The event side runs too, on the embedded dev broker (outbound events go to its ai-events topic).
            ["AiFunctions__DevServiceBus__Enabled"] = "true",
        };
        await using var redis = await StartRedisAsync(clock, cancellationToken).ConfigureAwait(false);
        if (redis is not null)
        {
            settings["AiFunctions__SharedState__Redis"] = redis.ConnectionString;
        }

        if (options.Replay)
        {
            foreach (var (key, value) in MigrationStep.HostSettings)
            {
                settings[key] = value;
            }
        }

        await using var dashboard = await StartDashboardAsync(runDir, clock, cancellationToken).ConfigureAwait(false);
        if (dashboard is not null)
        {
            settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpEndpoint.ToString();
            settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
            settings["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        }

        var hostLog = Path.Combine(runDir, "host.log");
        File.Delete(hostLog);
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Starting the host (log {Path.GetRelativePath(root, hostLog)})...");
        await using var host = await HostProcess.StartAsync(HostProcess.LocateHostDll(root), settings, hostLog, TimeSpan.FromSeconds(120), options.HostPort, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Host pid {host.Pid} on {host.BaseAddress}.");
        await using var console = await StartConsoleAsync(root, runDir, host, clock, cancellationToken).ConfigureAwait(false);

        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, submitterKey);
        using var reviewerHttp = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        reviewerHttp.DefaultRequestHeaders.Add(ApiKeyHeader.Name, reviewerKey);
        await PrintProvidersAsync(http, cancellationToken).ConfigureAwait(false);

        var batchId = $"demo-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        var policy = new ReviewPolicy { ShortlistSize = options.ShortlistSize, ReviewTimeout = TimeSpan.FromMinutes(30) };
        var batch = BloombergSample.Build(root, options.Role, batchId, options.NamesPerResume, policy);
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Submitting batch {batchId}: role \"{batch.Requisition.Title}\", {batch.Candidates.Count} candidates ({batch.Candidates.Count / options.NamesPerResume} resumes x {options.NamesPerResume} names), criteria:");
        foreach (var c in batch.Requisition.Criteria)
        {
            output.WriteLine($"         {c.Id,-7} {c.Kind,-10} {c.Text}");
        }

        using (var start = await http.PostAsJsonAsync(new Uri(ApiRoutes.StartScreening.Pattern, UriKind.Relative), batch, ApiJson.Options, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(start, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Accepted ({(int)start.StatusCode}), status at {start.Headers.Location}.");
        }

        var statusUri = new Uri($"/api/screenings/{batchId}", UriKind.Relative);
        var status = await WaitForAsync(http, statusUri, "AwaitingReview", clock, cancellationToken).ConfigureAwait(false);
        var shortlist = status.TryGetProperty("shortlist", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(x => x.GetString()).ToArray() : [];
        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Shortlist of {shortlist.Length} awaits review: {string.Join(", ", shortlist)}");

        // The reviewer is the signed-in principal (the reviewer key's name); the body carries only the decision and a comment.
        var review = new { decision = ReviewDecision.Approve, comment = "Approved by the screening job after reading the evidence." };
        using (var reviewed = await reviewerHttp.PostAsJsonAsync(new Uri($"/api/screenings/{batchId}/review", UriKind.Relative), review, ApiJson.Options, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(reviewed, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Approved by {options.Reviewer}.");
        await WaitForAsync(http, statusUri, "Approved", clock, cancellationToken).ConfigureAwait(false);

        using var results = await http.GetAsync(new Uri($"/api/screenings/{batchId}/results", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(results, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await results.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        ResultPrinter.Print(doc.RootElement, output, detailed: options.ShortlistSize);
        using (var audit = await http.GetAsync(new Uri($"/api/screenings/{batchId}/audit", UriKind.Relative), cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(audit, cancellationToken).ConfigureAwait(false);
            using var auditDoc = JsonDocument.Parse(await audit.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            AuditPrinter.Print(auditDoc.RootElement, output);
        }

        if (options.Replay)
        {
            await new MigrationStep(http, output, clock).RunAsync(batchId, runDir, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine();
        if (dashboard is not null)
        {
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] The batch's trace (one trace from POST /api/screenings to every provider call): {dashboard.Url}traces");
        }

        if (options.KeepRunning)
        {
            await KeepRunningAsync(root, http, batchId, host, console, submitterKey, reviewerKey, clock, cancellationToken).ConfigureAwait(false);
        }
        else if (dashboard is not null)
        {
            await LingerAsync(dashboard, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Done. Stopping {(console is null ? string.Empty : $"the console (pid {console.Pid}), ")}the host (pid {host.Pid}), Azurite (pid {azurite.Pid}){(redis is null ? string.Empty : $", redis-server (pid {redis.Pid})")}{(dashboard is null ? string.Empty : $" and the dashboard (pid {dashboard.Pid})")}.");
        return 0;
    }

    /// <summary>
    /// Starts redis-server (no persistence: a fresh store each run, like the job's Azurite) so the host keeps budgets,
    /// rate-limit windows, the usage ledger and open circuits in it, as every instance in Azure does with Azure Cache for
    /// Redis. Never fails the job: without redis-server (or when it does not start) says so and the host keeps that
    /// state in process.
    /// </summary>
    private async Task<RedisProcess?> StartRedisAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        if (RedisProcess.Locate() is null)
        {
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] redis-server is not installed: the host keeps kernel state (budgets, rate limits, usage ledger, circuits) IN PROCESS. Install the Debian package redis-server to share it as in Azure (docs/host.md).");
            return null;
        }

        try
        {
            var redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(20), cancellationToken: cancellationToken).ConfigureAwait(false);
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] redis-server pid {redis.Pid} on {redis.ConnectionString} (no persistence): kernel state (budgets, rate limits, usage ledger, circuits) is shared there.");
            return redis;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] redis-server did not start ({ex.Message}): the host keeps kernel state IN PROCESS.");
            return null;
        }
    }

    /// <summary>
    /// Starts the Aspire dashboard unless <c>--no-dashboard</c>. Never fails the job: when the dashboard cannot start,
    /// says why and goes on without it.
    /// </summary>
    private async Task<AspireDashboard?> StartDashboardAsync(string runDir, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (!options.Dashboard)
        {
            return null;
        }

        var executable = AspireDashboard.LocateExecutable();
        if (executable is null)
        {
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Aspire dashboard not found (restore tools/AiFunctions.ScreeningJob to get Aspire.Dashboard.Sdk.linux-x64); going on without it.");
            return null;
        }

        try
        {
            var dashboard = await AspireDashboard.StartAsync(executable, Path.Combine(runDir, "dashboard.log"), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Aspire dashboard pid {dashboard.Pid}: {dashboard.Url} (OTLP gRPC {dashboard.OtlpEndpoint}, HTTP port {dashboard.OtlpHttpPort}).");
            return dashboard;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or IOException or HttpRequestException)
        {
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] The Aspire dashboard did not start ({ex.Message}); going on without it (see .run/screening-job/dashboard.log).");
            return null;
        }
    }

    /// <summary>
    /// Starts the operator console (src/Console/AiFunctions.Console, built with the job) on a free loopback port against
    /// the host, unless <c>--no-console</c>. Never fails the job: when the console cannot start, says why and goes on.
    /// </summary>
    private async Task<HostProcess?> StartConsoleAsync(string root, string runDir, HostProcess host, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (!options.Console)
        {
            return null;
        }

        var log = Path.Combine(runDir, "console.log");
        File.Delete(log);
        try
        {
            var console = await HostProcess.StartAsync(HostProcess.LocateConsoleDll(root), new Dictionary<string, string>
            {
                // Development: the console serves its static assets from the build output's manifest (no publish step).
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["AiFunctions__Console__ApiBaseUrl"] = host.BaseAddress.ToString(),
            }, log, TimeSpan.FromSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false);
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Operator console pid {console.Pid}: {console.BaseAddress} (log {Path.GetRelativePath(root, log)}; sign in with an API key, see --keep-running).");
            return console;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or System.ComponentModel.Win32Exception)
        {
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] The operator console did not start ({ex.Message}); going on without it.");
            return null;
        }
    }

    /// <summary>
    /// <c>--keep-running</c>: submits a second, smaller batch and leaves it waiting for review, prints where to look and
    /// the keys to sign in with (this run's random keys, valid only for this run's host), then waits for Ctrl-C.
    /// </summary>
    private async Task KeepRunningAsync(string root, HttpClient http, string batchId, HostProcess host, HostProcess? console, string submitterKey, string reviewerKey, Stopwatch clock, CancellationToken cancellationToken)
    {
        var reviewBatch = batchId + "-review";
        var batch = BloombergSample.Build(root, options.Role, reviewBatch, namesPerResume: 1, new ReviewPolicy { ShortlistSize = 4, ReviewTimeout = TimeSpan.FromHours(24) });
        using (var start = await http.PostAsJsonAsync(new Uri(ApiRoutes.StartScreening.Pattern, UriKind.Relative), batch, ApiJson.Options, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(start, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"[{clock.Elapsed:mm\\:ss}] Kept running (--keep-running); Ctrl-C stops everything the job started.");
        output.WriteLine($"         API:     {host.BaseAddress} (reference {host.BaseAddress}reference)");
        if (console is not null)
        {
            output.WriteLine($"         Console: {console.BaseAddress}  batch {reviewBatch} waits for your review there");
            output.WriteLine($"         Sign in as the reviewer ({options.Reviewer}; Reviewer):  {reviewerKey}");
            output.WriteLine($"         or as the service principal (Submitter, Operator, ServiceOperator): {submitterKey}");
        }

        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    /// <summary>Keeps the dashboard up for reading: until Enter in a terminal, until Ctrl-C with --keep-dashboard.</summary>
    private async Task LingerAsync(AspireDashboard dashboard, CancellationToken cancellationToken)
    {
        if (options.KeepDashboard)
        {
            output.WriteLine($"         Dashboard kept running at {dashboard.Url}; Ctrl-C stops everything.");
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            return;
        }

        if (Console.IsInputRedirected)
        {
            return;
        }

        output.WriteLine($"         Press Enter to stop the dashboard and exit (its telemetry lives only in its memory).");
        await Task.WhenAny(Task.Run(Console.ReadLine, CancellationToken.None), Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    private async Task PrintProvidersAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(ApiRoutes.ListRoutes.Pattern, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        foreach (var route in doc.RootElement.GetProperty("routes").EnumerateArray())
        {
            var targets = string.Join(" -> ", route.GetProperty("targets").EnumerateArray().Select(t => $"{t.GetProperty("provider").GetString()}/{t.GetProperty("model").GetString()}"));
            output.WriteLine($"         route {route.GetProperty("route").GetString(),-10} {targets}");
        }
    }

    private async Task<JsonElement> WaitForAsync(HttpClient http, Uri statusUri, string wanted, Stopwatch clock, CancellationToken cancellationToken)
    {
        var last = string.Empty;
        while (true)
        {
            using var response = await http.GetAsync(statusUri, cancellationToken).ConfigureAwait(false);
            await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var root = doc.RootElement;
            var status = root.GetProperty("status").GetString() ?? string.Empty;
            var progress = root.GetProperty("progress");
            var line = $"{status}: {progress.GetProperty("done").GetInt32()}/{progress.GetProperty("total").GetInt32()} candidates done ({progress.GetProperty("failed").GetInt32()} failed)";
            if (line != last)
            {
                output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}");
                last = line;
            }

            if (string.Equals(status, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return root.Clone();
            }

            if (root.TryGetProperty("runtimeStatus", out var rs) && rs.GetString() is "Failed" or "Terminated")
            {
                throw new InvalidOperationException($"The batch ended as {rs.GetString()}: {(root.TryGetProperty("failure", out var f) ? f.GetString() : "no details")}.");
            }

            if (status is "Rejected" or "Expired" && !string.Equals(status, wanted, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The batch ended as {status}, not {wanted}.");
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }
    }
}
