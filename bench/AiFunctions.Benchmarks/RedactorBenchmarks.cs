using AiFunctions.Kernel.Redaction;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace AiFunctions.Benchmarks;

/// <summary>
/// Where the kernel path's redaction time goes: the regex redactor alone on the kernel benchmark's prompt (the two
/// messages joined as <see cref="MessageRedaction"/> joins them), all detectors and each kind of detector on its own
/// (the others switched off in <see cref="RedactionOptions"/>), the message-level wrapper around it, and the route pipeline's
/// redaction layer (<see cref="RedactingChatClient"/>) over the in-memory fake.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RedactorBenchmarks
{
    private readonly List<ChatMessage> _messages =
    [
        new(ChatRole.System, "You screen resumes against a job description and answer with JSON."),
        new(ChatRole.User, "Candidate: Jane Doe\nEmail: jane.doe@example.com, phone +44 20 7946 0958.\n" +
            "Led a team of five engineers building payroll services in C# and SQL; mentored juniors; ran on-call."),
    ];

    private readonly RegexPiiRedactor _all = new();
    private readonly RegexPiiRedactor _names = new(Only(o => o.Names = true));
    private readonly RegexPiiRedactor _emails = new(Only(o => o.Emails = true));
    private readonly RegexPiiRedactor _phones = new(Only(o => o.Phones = true));
    private readonly RegexPiiRedactor _addresses = new(Only(o => o.Addresses = true));
    private readonly RegexPiiRedactor _ids = new(Only(o => o.NationalIds = true));
    private readonly RegexPiiRedactor _none = new(Only(_ => { }));
    private string _joined = null!;
    private IChatClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _joined = string.Join('\u241E', _messages.Select(m => m.Text));
        _client = new RedactingChatClient(new InMemoryChatClient(), _all);
    }

    [Benchmark(Baseline = true, Description = "Redact, all detectors")]
    public RedactionResult All() => _all.Redact(_joined);

    [Benchmark(Description = "Redact, no detector")]
    public RedactionResult None() => _none.Redact(_joined);

    [Benchmark(Description = "Redact, names only")]
    public RedactionResult Names() => _names.Redact(_joined);

    [Benchmark(Description = "Redact, emails only")]
    public RedactionResult Emails() => _emails.Redact(_joined);

    [Benchmark(Description = "Redact, phones only")]
    public RedactionResult Phones() => _phones.Redact(_joined);

    [Benchmark(Description = "Redact, addresses only")]
    public RedactionResult Addresses() => _addresses.Redact(_joined);

    [Benchmark(Description = "Redact, national ids only")]
    public RedactionResult Ids() => _ids.Redact(_joined);

    [Benchmark(Description = "MessageRedaction.Redact (messages)")]
    public object Messages() => MessageRedaction.Redact(_messages, _all, null).Messages;

    [Benchmark(Description = "RedactingChatClient over the in-memory fake")]
    public Task<ChatResponse> Client() => _client.GetResponseAsync(_messages);

    private static RedactionOptions Only(Action<RedactionOptions> on)
    {
        var options = new RedactionOptions
        {
            Emails = false, Phones = false, Addresses = false, DatesOfBirth = false, NationalIds = false, ProfileUrls = false, Names = false,
        };
        on(options);
        return options;
    }
}
