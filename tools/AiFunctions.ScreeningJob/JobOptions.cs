using System.Globalization;

namespace AiFunctions.ScreeningJob;

/// <summary>Command-line options of the job (all optional).</summary>
public sealed record JobOptions
{
    public string Role { get; init; } = "software engineer";

    public int NamesPerResume { get; init; } = 4;

    public string Reviewer { get; init; } = "Dana Whitfield (hiring manager)";

    public int ShortlistSize { get; init; } = 8;

    public int HostPort { get; init; }

    /// <summary>Start the Aspire dashboard and send the host's telemetry to it (default on; <c>--no-dashboard</c>).</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary>Keep the dashboard running after the batch until Ctrl-C, even when input is not a terminal.</summary>
    public bool KeepDashboard { get; init; }

    /// <summary>Start the operator console and print its URL (default on; <c>--no-console</c>).</summary>
    public bool Console { get; init; } = true;

    /// <summary>
    /// After the batch, leave Azurite, the host, the console (and the dashboard) running until Ctrl-C, with a second batch
    /// waiting for review in the console (<c>--keep-running</c>).
    /// </summary>
    public bool KeepRunning { get; init; }

    public static JobOptions Parse(string[] args)
    {
        var options = new JobOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            options = args[i] switch
            {
                "--role" => options with { Role = Value() },
                "--names-per-resume" => options with { NamesPerResume = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--reviewer" => options with { Reviewer = Value() },
                "--shortlist" => options with { ShortlistSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--port" => options with { HostPort = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--no-dashboard" => options with { Dashboard = false },
                "--keep-dashboard" => options with { KeepDashboard = true },
                "--no-console" => options with { Console = false },
                "--keep-running" => options with { KeepRunning = true },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.{Environment.NewLine}{Usage}"),
            };
        }

        if (options.NamesPerResume is < 1 or > 100)
        {
            throw new ArgumentException("--names-per-resume must be 1-100.");
        }

        return options;
    }

    public const string Usage =
        "Usage: dotnet run --project tools/AiFunctions.ScreeningJob [-- --role \"software engineer\"|\"HR specialist\"|retail|\"financial analyst\"] [--names-per-resume 4] [--reviewer NAME] [--shortlist 8] [--port 0] [--no-dashboard | --keep-dashboard] [--no-console] [--keep-running]";
}
