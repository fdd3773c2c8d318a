using System.Globalization;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Migration;

/// <summary>Start-up check of <see cref="MigrationOptions"/> (<c>AiFunctions:Migration</c>): each failure names the setting, the value and the fix.</summary>
internal sealed class MigrationOptionsValidator : IValidateOptions<MigrationOptions>
{
    public ValidateOptionsResult Validate(string? name, MigrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var t = options.Thresholds ?? new MigrationThresholds();
        var p = MigrationOptions.SectionName + ":Thresholds:";
        var problems = new List<string>();
        if (t.MinPairs is < 1 or > 100_000)
        {
            problems.Add($"'{p}{nameof(t.MinPairs)}' is {t.MinPairs}; use 1-100000 compared pairs.");
        }

        Range(problems, p + nameof(t.MinKendallTau), t.MinKendallTau, -1, 1, "a correlation between -1 and 1");
        Range(problems, p + nameof(t.MinSpearman), t.MinSpearman, -1, 1, "a correlation between -1 and 1");
        Range(problems, p + nameof(t.MinShortlistJaccard), t.MinShortlistJaccard, 0, 1, "a share between 0 and 1");
        Range(problems, p + nameof(t.MinMustHaveAgreement), t.MinMustHaveAgreement, 0, 1, "a share between 0 and 1");
        Range(problems, p + nameof(t.MaxMeanAbsoluteOverallDifference), t.MaxMeanAbsoluteOverallDifference, 0, 100, "a score difference between 0 and 100");
        Range(problems, p + nameof(t.MinSchemaValidRate), t.MinSchemaValidRate, 0, 1, "a share between 0 and 1");
        Range(problems, p + nameof(t.MaxFailureRate), t.MaxFailureRate, 0, 1, "a share between 0 and 1");
        Range(problems, p + nameof(t.MaxRepairRate), t.MaxRepairRate, 0, 1, "a share between 0 and 1");
        Range(problems, p + nameof(t.MinEvidenceValidity), t.MinEvidenceValidity, 0, 1, "a share between 0 and 1");
        Range(problems, p + nameof(t.MaxImpactRatioDrop), t.MaxImpactRatioDrop, 0, 1, "an impact-ratio change between 0 and 1");
        Range(problems, p + nameof(t.MaxHeldIncrease), t.MaxHeldIncrease, 0, 100_000, "a count of 0 or more");
        Range(problems, p + nameof(t.MaxLatencyP95Ms), t.MaxLatencyP95Ms, 0, 3_600_000, "milliseconds, 0 or more");
        Range(problems, p + nameof(t.MaxCostPerCall), (double?)t.MaxCostPerCall, 0, 1_000_000, "a cost of 0 or more");
        Range(problems, p + nameof(t.MaxInclusiveLanguagePassRateDrop), t.MaxInclusiveLanguagePassRateDrop, 0, 1, "a share between 0 and 1");
        Range(problems, p + nameof(t.MaxRequiredSectionsPassRateDrop), t.MaxRequiredSectionsPassRateDrop, 0, 1, "a share between 0 and 1");
        var replay = options.Replay ?? new ReplayOptions();
        if (replay.MaxConcurrentCalls is < 1 or > 64)
        {
            problems.Add($"'{MigrationOptions.SectionName}:Replay:MaxConcurrentCalls' is {replay.MaxConcurrentCalls}; use 1-64 calls at once.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Range(List<string> problems, string path, double? value, double min, double max, string what)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            problems.Add($"'{path}' is {v.ToString(CultureInfo.InvariantCulture)}; use {what}, or leave it empty to not check it.");
        }
    }
}
