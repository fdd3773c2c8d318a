using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFunctions.Hosting.Gateway;

// The OpenAI REST wire shapes the gateway reads and writes (https://platform.openai.com/docs/api-reference), snake_case
// through OpenAIWireJson. Requests keep polymorphic members (content, stop, tool_choice, schemas, input) as JsonElement
// and are checked by OpenAIChatMapping; unknown request members are ignored, as OpenAI-compatible servers do.
// Request shapes have settable properties, not init-only ones: the source-generated reader fills init-only properties
// through a constructor-argument path (an argument array and a boxed value per member, per object), settable ones in place.

/// <summary><c>POST /v1/chat/completions</c> request body.</summary>
public sealed record ChatCompletionRequest
{
    public string? Model { get; set; }
    public List<ChatCompletionMessage>? Messages { get; set; }
    public bool? Stream { get; set; }
    public ChatStreamOptions? StreamOptions { get; set; }
    public float? Temperature { get; set; }
    public float? TopP { get; set; }
    public float? FrequencyPenalty { get; set; }
    public float? PresencePenalty { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public int? N { get; set; }
    public long? Seed { get; set; }
    public JsonElement? Stop { get; set; }
    public List<ChatCompletionTool>? Tools { get; set; }
    public JsonElement? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
    public ChatResponseFormatWire? ResponseFormat { get; set; }
    public string? User { get; set; }
}

/// <summary><c>stream_options</c>: <c>include_usage</c> adds a last chunk with usage and no choices.</summary>
public sealed record ChatStreamOptions
{
    public bool? IncludeUsage { get; set; }
}

/// <summary>One message of a chat request (content: a string or an array of parts).</summary>
public sealed record ChatCompletionMessage
{
    public string? Role { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }
    public List<ToolCallWire>? ToolCalls { get; set; }
    public string? ToolCallId { get; set; }
}

/// <summary>A tool call, in requests (assistant history), answers and stream deltas (with <see cref="Index"/>).</summary>
public sealed record ToolCallWire
{
    public int? Index { get; set; }
    public string? Id { get; set; }
    public string? Type { get; set; }
    public FunctionCallWire? Function { get; set; }
}

/// <summary>A function call's name and its arguments as a JSON text.</summary>
public sealed record FunctionCallWire
{
    public string? Name { get; set; }
    public string? Arguments { get; set; }
}

/// <summary>A tool offered to the model (<c>type: "function"</c>).</summary>
public sealed record ChatCompletionTool
{
    public string? Type { get; set; }
    public FunctionDefinitionWire? Function { get; set; }
}

/// <summary>A function's name, description and JSON-schema parameters.</summary>
public sealed record FunctionDefinitionWire
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonElement? Parameters { get; set; }
    public bool? Strict { get; set; }
}

/// <summary><c>response_format</c>: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
public sealed record ChatResponseFormatWire
{
    public string? Type { get; set; }
    public JsonSchemaWire? JsonSchema { get; set; }
}

/// <summary>The <c>json_schema</c> member of <c>response_format</c>.</summary>
public sealed record JsonSchemaWire
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonElement? Schema { get; set; }
    public bool? Strict { get; set; }
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
    public string? Model { get; set; }
    public JsonElement? Input { get; set; }
    public string? EncodingFormat { get; set; }
    public int? Dimensions { get; set; }
    public string? User { get; set; }
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
