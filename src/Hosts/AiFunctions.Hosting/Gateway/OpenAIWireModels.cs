using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFunctions.Hosting.Gateway;

// The OpenAI REST wire shapes the gateway reads and writes (https://platform.openai.com/docs/api-reference), snake_case
// through OpenAIWireJson. Requests keep polymorphic members (content, stop, tool_choice, schemas, input) as JsonElement
// and are checked by OpenAIChatMapping; unknown request members are ignored, as OpenAI-compatible servers do.

/// <summary><c>POST /v1/chat/completions</c> request body.</summary>
public sealed record ChatCompletionRequest
{
    public string? Model { get; init; }
    public List<ChatCompletionMessage>? Messages { get; init; }
    public bool? Stream { get; init; }
    public ChatStreamOptions? StreamOptions { get; init; }
    public float? Temperature { get; init; }
    public float? TopP { get; init; }
    public float? FrequencyPenalty { get; init; }
    public float? PresencePenalty { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public int? N { get; init; }
    public long? Seed { get; init; }
    public JsonElement? Stop { get; init; }
    public List<ChatCompletionTool>? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public ChatResponseFormatWire? ResponseFormat { get; init; }
    public string? User { get; init; }
}

/// <summary><c>stream_options</c>: <c>include_usage</c> adds a last chunk with usage and no choices.</summary>
public sealed record ChatStreamOptions
{
    public bool? IncludeUsage { get; init; }
}

/// <summary>One message of a chat request (content: a string or an array of parts).</summary>
public sealed record ChatCompletionMessage
{
    public string? Role { get; init; }
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }
    public List<ToolCallWire>? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }
}

/// <summary>A tool call, in requests (assistant history), answers and stream deltas (with <see cref="Index"/>).</summary>
public sealed record ToolCallWire
{
    public int? Index { get; init; }
    public string? Id { get; init; }
    public string? Type { get; init; }
    public FunctionCallWire? Function { get; init; }
}

/// <summary>A function call's name and its arguments as a JSON text.</summary>
public sealed record FunctionCallWire
{
    public string? Name { get; init; }
    public string? Arguments { get; init; }
}

/// <summary>A tool offered to the model (<c>type: "function"</c>).</summary>
public sealed record ChatCompletionTool
{
    public string? Type { get; init; }
    public FunctionDefinitionWire? Function { get; init; }
}

/// <summary>A function's name, description and JSON-schema parameters.</summary>
public sealed record FunctionDefinitionWire
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Parameters { get; init; }
    public bool? Strict { get; init; }
}

/// <summary><c>response_format</c>: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
public sealed record ChatResponseFormatWire
{
    public string? Type { get; init; }
    public JsonSchemaWire? JsonSchema { get; init; }
}

/// <summary>The <c>json_schema</c> member of <c>response_format</c>.</summary>
public sealed record JsonSchemaWire
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Schema { get; init; }
    public bool? Strict { get; init; }
}

/// <summary>A <c>chat.completion</c> answer.</summary>
public sealed record ChatCompletionWire(string Id, long Created, string Model, IReadOnlyList<ChatChoiceWire> Choices, UsageWire? Usage)
{
    public string Object => "chat.completion";
}

/// <summary>One choice of an answer (the gateway always answers one: n = 1).</summary>
public sealed record ChatChoiceWire(int Index, AssistantMessageWire Message, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);

/// <summary>The assistant's message: text (null when it only calls tools) and tool calls.</summary>
public sealed record AssistantMessageWire([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Content, IReadOnlyList<ToolCallWire>? ToolCalls)
{
    public string Role => "assistant";
}

/// <summary>A <c>chat.completion.chunk</c> of a streamed answer.</summary>
public sealed record ChatCompletionChunkWire(string Id, long Created, string Model, IReadOnlyList<ChunkChoiceWire> Choices, UsageWire? Usage)
{
    public string Object => "chat.completion.chunk";
}

/// <summary>One choice of a chunk: the delta and, on the last one, the finish reason.</summary>
public sealed record ChunkChoiceWire(int Index, DeltaWire Delta, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);

/// <summary>What a chunk adds to the answer.</summary>
public sealed record DeltaWire(string? Role, string? Content, IReadOnlyList<ToolCallWire>? ToolCalls);

/// <summary>Token usage (<c>prompt_tokens_details.cached_tokens</c> when the provider reported cached input).</summary>
public sealed record UsageWire(long PromptTokens, long CompletionTokens, long TotalTokens, PromptTokensDetailsWire? PromptTokensDetails = null);

/// <summary>Details of the prompt tokens.</summary>
public sealed record PromptTokensDetailsWire(long CachedTokens);

/// <summary><c>POST /v1/embeddings</c> request body (input: a string or an array of strings).</summary>
public sealed record EmbeddingRequest
{
    public string? Model { get; init; }
    public JsonElement? Input { get; init; }
    public string? EncodingFormat { get; init; }
    public int? Dimensions { get; init; }
    public string? User { get; init; }
}

/// <summary>An embeddings answer with float vectors.</summary>
public sealed record EmbeddingListWire(IReadOnlyList<EmbeddingWire> Data, string Model, EmbeddingUsageWire Usage)
{
    public string Object => "list";
}

/// <summary>One float vector.</summary>
public sealed record EmbeddingWire(int Index, ReadOnlyMemory<float> Embedding)
{
    public string Object => "embedding";
}

/// <summary>An embeddings answer with base64 vectors (little-endian float32, what the OpenAI SDKs ask for by default).</summary>
public sealed record Base64EmbeddingListWire(IReadOnlyList<Base64EmbeddingWire> Data, string Model, EmbeddingUsageWire Usage)
{
    public string Object => "list";
}

/// <summary>One base64 vector.</summary>
public sealed record Base64EmbeddingWire(int Index, string Embedding)
{
    public string Object => "embedding";
}

/// <summary>Token usage of an embeddings call.</summary>
public sealed record EmbeddingUsageWire(long PromptTokens, long TotalTokens);

/// <summary><c>GET /v1/models</c> answer: the routes and aliases the caller may use.</summary>
public sealed record ModelListWire(IReadOnlyList<ModelWire> Data)
{
    public string Object => "list";
}

/// <summary>One model (a route or an alias of one).</summary>
public sealed record ModelWire(string Id, long Created, string OwnedBy)
{
    public string Object => "model";
}

/// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record ErrorResponseWire(ErrorWire Error);

/// <summary>The error object; <c>param</c> and <c>code</c> are always written (null when not applicable).</summary>
public sealed record ErrorWire(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);

/// <summary>Source-generated (reflection-free) serialization of the wire shapes, snake_case, nulls omitted unless marked.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionWire))]
[JsonSerializable(typeof(ChatCompletionChunkWire))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingListWire))]
[JsonSerializable(typeof(Base64EmbeddingListWire))]
[JsonSerializable(typeof(ModelListWire))]
[JsonSerializable(typeof(ErrorResponseWire))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class OpenAIWireJson : JsonSerializerContext;
