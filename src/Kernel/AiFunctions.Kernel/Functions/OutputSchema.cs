using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Functions;

/// <summary>
/// An output type's JSON schema, as sent to the model (ChatResponseFormat) and as used to validate its answer
/// (JsonSchema.Net). Built once per type (or per function that overrides its schema).
/// </summary>
internal sealed class OutputSchema
{
    private static readonly ConcurrentDictionary<(Type, JsonSerializerOptions), OutputSchema> ByType = new();
    private static readonly ConditionalWeakTable<object, OutputSchema> ByFunction = [];
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private OutputSchema(JsonElement schema, string name)
    {
        Schema = schema;
        Validator = JsonSchema.FromText(schema.GetRawText());
        Format = ChatResponseFormat.ForJsonSchema(schema, name);
    }

    public JsonElement Schema { get; }

    public JsonSchema Validator { get; }

    public ChatResponseFormat Format { get; }

    public static OutputSchema For<TInput, TOutput>(AiFunction<TInput, TOutput> function)
    {
        if (function.OutputSchema is { } custom)
        {
            return ByFunction.GetValue(function, _ => new OutputSchema(custom, SchemaName(typeof(TOutput))));
        }

        return ByType.GetOrAdd((typeof(TOutput), function.SerializerOptions), static key =>
            new OutputSchema(AIJsonUtilities.CreateJsonSchema(key.Item1, serializerOptions: key.Item2), SchemaName(key.Item1)));
    }

    /// <summary>Schema violations as "path: rule" (no values from the answer).</summary>
    public List<string> Validate(JsonNode? node)
    {
        var violations = new List<string>();
        var results = Validator.Evaluate(node, Evaluation);
        if (results.IsValid)
        {
            return violations;
        }

        foreach (var detail in results.Details.Prepend(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                var path = detail.InstanceLocation.ToString();
                violations.Add($"{(path.Length == 0 ? "/" : path)}: {keyword}: {message}");
            }
        }

        if (violations.Count == 0)
        {
            violations.Add("/: the answer does not match the schema");
        }

        return violations;
    }

    private static string SchemaName(Type type) => type.Name.Replace('`', '_');
}
