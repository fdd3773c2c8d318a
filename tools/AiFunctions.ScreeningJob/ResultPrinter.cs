using System.Text.Json;

namespace AiFunctions.ScreeningJob;

/// <summary>Prints the ranked results (evidence quotes, provenance) and the decision trail from GET .../results.</summary>
internal static class ResultPrinter
{
    /// <param name="detailed">How many top-ranked candidates get their per-criterion scores, evidence and provenance; the rest one line each.</param>
    public static void Print(JsonElement body, TextWriter output, int detailed)
    {
        var results = body.GetProperty("results").EnumerateArray().ToList();
        var shown = 0;
        output.WriteLine();
        output.WriteLine($"Ranked results ({results.Count} candidates, batch {Str(body, "batchId")}, status {Str(body, "status")}):");
        foreach (var r in results)
        {
            var rank = r.TryGetProperty("rank", out var rk) && rk.ValueKind == JsonValueKind.Number ? $"#{rk.GetInt32(),-3}" : "  - ";
            if (!r.TryGetProperty("assessment", out var a) || a.ValueKind != JsonValueKind.Object)
            {
                output.WriteLine($"{rank} {Str(r, "displayName"),-24} FAILED: {Str(r, "error")}");
                continue;
            }

            output.WriteLine($"{rank} {Str(r, "displayName"),-24} score {a.GetProperty("overallScore").GetInt32(),3}  must-haves {(a.GetProperty("mustHavesMet").GetBoolean() ? "met" : "NOT met"),-7} ({Str(r, "candidateId")})");
            if (++shown > detailed)
            {
                continue;
            }

            foreach (var c in a.GetProperty("criteria").EnumerateArray())
            {
                var evidence = c.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
                output.WriteLine($"       {Str(c, "criterionId"),-7} {c.GetProperty("score").GetInt32(),3}  {(evidence is null ? "(no evidence quoted)" : "\"" + Clip(evidence, 90) + "\"")}");
            }

            if (r.TryGetProperty("provenance", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                output.WriteLine($"       scored by {Str(p, "function")}@{Str(p, "functionVersion")} via route '{Str(p, "route")}' on {Str(p, "providerInstance")} ({Str(p, "plugin")} {Str(p, "pluginVersion")}, model {Str(p, "model")}, generative: {(p.GetProperty("generative").GetBoolean() ? "yes" : "no")})");
            }
        }

        if (body.TryGetProperty("decisionTrail", out var trail) && trail.TryGetProperty("entries", out var entries))
        {
            output.WriteLine();
            output.WriteLine("Decision trail:");
            foreach (var e in entries.EnumerateArray())
            {
                var comment = Str(e, "comment");
                output.WriteLine($"  {Str(e, "sequence"),3}. {Str(e, "at")}  {Str(e, "kind"),-16} by {Str(e, "actor")}{(comment.Length > 0 ? $": \"{comment}\"" : string.Empty)}");
            }
        }

        if (body.TryGetProperty("notices", out var notices))
        {
            foreach (var n in notices.EnumerateArray())
            {
                output.WriteLine();
                output.WriteLine("NOTE: " + n.GetString());
            }
        }
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? string.Empty,
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            _ => v.GetRawText(),
        } : string.Empty;

    private static string Clip(string s, int max)
    {
        var flat = s.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
