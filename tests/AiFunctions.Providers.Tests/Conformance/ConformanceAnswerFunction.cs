using AiFunctions.Kernel.Functions;
using Microsoft.Extensions.AI;

namespace AiFunctions.Providers.Tests.Conformance;

/// <summary>The kit's small AI function: asks for a JSON object with an answer and a score.</summary>
public sealed class ConformanceAnswerFunction : AiFunction<string, ConformanceAnswer>
{
    public const string Json = "{\"answer\":\"yes\",\"score\":3}";

    public override string Name => "conformance.answer";

    public override string Version => "1";

    public override string Route => ConformanceSetup.ChatRoute;

    public override IList<ChatMessage> BuildPrompt(string input) =>
    [
        new(ChatRole.System, "Answer the question with a JSON object {answer, score}."),
        new(ChatRole.User, input),
    ];

    public override IReadOnlyList<string> Validate(string input, ConformanceAnswer output) =>
        output.Score is >= 0 and <= 5 ? [] : ["/score: must be between 0 and 5"];
}

public sealed record ConformanceAnswer(string Answer, int Score);
