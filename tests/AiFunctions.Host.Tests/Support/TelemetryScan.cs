using System.Diagnostics;
using OpenTelemetry.Metrics;

namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// Reads everything a <see cref="TelemetryHostFactory"/>'s in-memory exporters hold as text — span names, attributes,
/// events, statuses, trace states and baggage; metric tags; log messages, attributes, exceptions and scopes — so a test
/// can assert that no personal data, prompt or resume text reached any signal.
/// </summary>
public static class TelemetryScan
{
    /// <summary>Every text of every span, metric point and log record exported so far, with where it was.</summary>
    public static List<(string Where, string Text)> AllTexts(TelemetryHostFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Flush();
        List<Activity> spans;
        lock (factory.Spans)
        {
            spans = [.. factory.Spans];
        }

        var texts = SpanTexts(spans).ToList();
        texts.AddRange(MetricTags(factory).Select(t => ($"metric {t.Metric} tag {t.Key}", t.Value ?? string.Empty)));
        lock (factory.Logs)
        {
            foreach (var log in factory.Logs)
            {
                texts.Add(($"log {log.CategoryName}", log.FormattedMessage ?? log.Body ?? string.Empty));
                texts.AddRange((log.Attributes ?? []).Select(a => ($"log {log.CategoryName} attribute {a.Key}", a.Value?.ToString() ?? string.Empty)));
                texts.Add(($"log {log.CategoryName} exception", log.Exception?.ToString() ?? string.Empty));
                log.ForEachScope<object?>((scope, _) => texts.AddRange(scope.Scope is null ? [] : [($"log {log.CategoryName} scope", scope.Scope.ToString() ?? string.Empty)]), null);
            }
        }

        return texts;
    }

    /// <summary>The texts of some spans: name, attributes, events (name and attributes), status, trace state, baggage.</summary>
    public static IEnumerable<(string Where, string Text)> SpanTexts(IEnumerable<Activity> spans)
    {
        foreach (var s in spans)
        {
            yield return ($"span {s.DisplayName}", s.DisplayName);
            foreach (var t in s.TagObjects)
            {
                yield return ($"span {s.DisplayName} tag {t.Key}", t.Value?.ToString() ?? string.Empty);
            }

            foreach (var e in s.Events)
            {
                yield return ($"span {s.DisplayName} event", e.Name);
                foreach (var t in e.Tags)
                {
                    yield return ($"span {s.DisplayName} event {e.Name} {t.Key}", t.Value?.ToString() ?? string.Empty);
                }
            }

            yield return ($"span {s.DisplayName} status", s.StatusDescription ?? string.Empty);
            yield return ($"span {s.DisplayName} tracestate", s.TraceStateString ?? string.Empty);
            foreach (var b in s.Baggage)
            {
                yield return ($"span {s.DisplayName} baggage {b.Key}", b.Key + "=" + b.Value);
            }
        }
    }

    /// <summary>Every tag of every exported metric point (optionally of one instrument).</summary>
    public static IEnumerable<(string Metric, string Key, string? Value)> MetricTags(TelemetryHostFactory factory, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var tags = new List<(string, string, string?)>();
        lock (factory.Metrics)
        {
            foreach (var m in factory.Metrics.Where(m => metric is null || m.Name == metric))
            {
                foreach (ref readonly var point in m.GetMetricPoints())
                {
                    foreach (var tag in point.Tags)
                    {
                        tags.Add((m.Name, tag.Key, tag.Value?.ToString()));
                    }
                }
            }
        }

        return tags;
    }

    /// <summary>Fails naming every place one of <paramref name="forbidden"/> appears (case-insensitive) in any signal.</summary>
    public static void AssertAbsent(TelemetryHostFactory factory, IEnumerable<string> forbidden)
    {
        var needles = forbidden.Where(f => !string.IsNullOrEmpty(f)).ToList();
        var texts = AllTexts(factory);
        Assert.True(texts.Count > 100, $"Only {texts.Count} telemetry texts were captured; the scan would prove nothing.");
        var leaks = texts.Where(t => needles.Any(f => t.Text.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .Select(t => $"{t.Where}: {(t.Text.Length > 300 ? t.Text[..300] + "…" : t.Text)}").Distinct().ToList();
        Assert.True(leaks.Count == 0, "Personal data or prompt text in telemetry:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    /// <summary>
    /// The set of (source, span, attribute, value) of a trace with <paramref name="ids"/> replaced by "&lt;id&gt;" and the
    /// per-batch candidate reference left out: two batches that differ only by names must give equal signatures.
    /// </summary>
    public static HashSet<string> Signature(IEnumerable<Activity> spans, IReadOnlyList<string> ids)
    {
        string Clean(string? value) => ids.Aggregate(value ?? string.Empty, (v, id) => v.Replace(id, "<id>", StringComparison.Ordinal));
        return spans
            .SelectMany(s => s.TagObjects
                .Where(t => t.Key is not "aifunctions.screening.candidate_ref")
                .Select(t => $"{s.Source.Name} | {Clean(s.DisplayName)} | {s.Status} {Clean(s.StatusDescription)} | {t.Key}={Clean(t.Value?.ToString())}")
                .Append($"{s.Source.Name} | {Clean(s.DisplayName)} | {s.Status} {Clean(s.StatusDescription)}"))
            .ToHashSet(StringComparer.Ordinal);
    }
}
