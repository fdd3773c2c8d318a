namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// The in-memory host with a second provider instance "local2" (the same offline rules engine) as the candidate
/// target, the screening route shadowed on it for every call, and thresholds small enough for test batches.
/// <see cref="Extra"/> adds settings (e.g. a fake generative provider as another candidate).
/// </summary>
public class MigrationHostFactory : InMemoryHostFactory
{
    protected virtual IReadOnlyDictionary<string, string> Extra => new Dictionary<string, string>();

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["AiFunctions:Providers:local2:Plugin"] = "local",
                ["AiFunctions:Providers:local2:Models:0"] = "hr-rules-v1",
                ["AiFunctions:Routes:screening:Shadow:Target:Provider"] = "local2",
                ["AiFunctions:Routes:screening:Shadow:Target:Model"] = "hr-rules-v1",
                ["AiFunctions:Routes:screening:Shadow:SampleRate"] = "1",
                ["AiFunctions:Migration:Thresholds:MinPairs"] = "5",
            };
            foreach (var (key, value) in Extra)
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}
