using System.Globalization;
using System.Text.Json;

namespace AiFunctions.ScreeningJob;

/// <summary>Prints the bias audit summary from GET .../audit under the ranking (docs/fairness.md, public-summary format).</summary>
internal static class AuditPrinter
{
    public static void Print(JsonElement audit, TextWriter output)
    {
        var swap = audit.GetProperty("nameSwap");
        var figures = audit.GetProperty("figures");
        output.WriteLine();
        output.WriteLine($"Bias audit (NYC LL144 figures, 6 RCNY §5-301; docs/fairness.md): {figures.GetProperty("total").GetInt32()} candidates, {figures.GetProperty("selected").GetInt32()} shortlisted, median score {Num(figures.GetProperty("medianScore"))}; held {audit.GetProperty("held").GetInt32()}, failed {audit.GetProperty("failed").GetInt32()}");
        output.WriteLine($"  name-swap audit: {swap.GetProperty("sampled").GetInt32()} candidates x {swap.GetProperty("namesTried").GetInt32()} names, provider-bound text changed in {swap.GetProperty("changed").GetInt32()} (must be 0)");
        output.WriteLine($"  {"dimension",-22} {"category",-40} {"n",4} {"sel",4} {"sel.rate",8} {"impact",7} {"score.rate",10} {"impact",7}");
        foreach (var c in figures.GetProperty("categories").EnumerateArray())
        {
            var flag = c.GetProperty("excluded").GetBoolean() ? "  (<2%: excluded from ratios)" : c.GetProperty("flagged").GetBoolean() ? "  FLAG: impact ratio < 0.8" : string.Empty;
            output.WriteLine($"  {c.GetProperty("dimension").GetString(),-22} {c.GetProperty("category").GetString(),-40} {c.GetProperty("count").GetInt32(),4} {c.GetProperty("selected").GetInt32(),4} {Num(c.GetProperty("selectionRate")),8} {Num(c.GetProperty("impactRatio")),7} {Num(c.GetProperty("scoringRate")),10} {Num(c.GetProperty("scoringImpactRatio")),7}{flag}");
        }

        output.WriteLine($"  unknown category: sex {figures.GetProperty("unknownSex").GetInt32()}, race/ethnicity {figures.GetProperty("unknownRaceEthnicity").GetInt32()}");
    }

    private static string Num(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble().ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
