using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// The OpenAPI document drives a real client: NSwag generates a C# client from <c>GET /openapi/v1.json</c> at test time,
/// Roslyn compiles it, and the main flows run through it — start a screening, poll, read results, review; start a job
/// description, poll, review its version; deliver an event to the webhook and read its outcome. Request bodies are the
/// document's own examples, bound to the generated types.
/// </summary>
public sealed class GeneratedClientTests(DirectEventsHostFactory factory) : IClassFixture<DirectEventsHostFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task The_main_flows_run_through_a_client_generated_from_the_document()
    {
        using var http = factory.CreateAuthorizedClient();
        http.DefaultRequestHeaders.Add("X-Events-Key", DirectEventsHostFactory.EventsKey);
        var json = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        var client = Compile(await NSwag.OpenApiDocument.FromJsonAsync(json), http);

        // Screening: start (the document's example), poll, results, review.
        var batchId = $"gen-{Guid.NewGuid():N}";
        var start = Example(document, "/api/screenings").Replace("\"b-2026-001\"", $"\"{batchId}\"", StringComparison.Ordinal);
        var accepted = await client.CallAsync("StartScreeningAsync", client.Body("StartScreeningAsync", start));
        Assert.Equal(batchId, accepted.GetProperty("batchId").GetString());
        await PollAsync(() => client.CallAsync("GetScreeningAsync", batchId), s => s.GetProperty("status").GetString() == "AwaitingReview");
        var results = await client.CallAsync("GetScreeningResultsAsync", batchId);
        Assert.Equal("c-1", results.GetProperty("results")[0].GetProperty("candidateId").GetString());
        var review = await client.CallAsync("ReviewScreeningAsync", batchId, client.Body("ReviewScreeningAsync", Example(document, "/api/screenings/{id}/review")));
        Assert.Equal("Approve", review.GetProperty("decision").GetString());
        await PollAsync(() => client.CallAsync("GetScreeningAsync", batchId), s => s.GetProperty("status").GetString() == "Approved");

        // Job description: start, poll until a version awaits review, review that version.
        var jdId = $"jd-{Guid.NewGuid():N}";
        var jd = Example(document, "/api/job-descriptions").Replace("\"jd-42\"", $"\"{jdId}\"", StringComparison.Ordinal);
        await client.CallAsync("StartJobDescriptionAsync", client.Body("StartJobDescriptionAsync", jd));
        var awaiting = await PollAsync(() => client.CallAsync("GetJobDescriptionAsync", jdId), s => s.GetProperty("status").GetString() == "AwaitingReview");
        Assert.Equal(1, awaiting.GetProperty("currentVersion").GetInt32());
        var approve = """{"decision":"Approve","version":1}""";
        var decided = await client.CallAsync("ReviewJobDescriptionAsync", jdId, client.Body("ReviewJobDescriptionAsync", approve));
        Assert.Equal("Approved", decided.GetProperty("outcome").GetString());
        await PollAsync(() => client.CallAsync("GetJobDescriptionAsync", jdId), s => s.GetProperty("status").GetString() == "Approved");

        // Listing: the approved job description is found by status, one record per page, through the generated client's
        // typed query parameters (status is the document's enum, pageSize an integer) and the continuation token.
        var (found, pages) = (false, 0);
        string? token = null;
        do
        {
            var page = await client.CallNamedAsync("ListJobDescriptionsAsync", ("status", "Approved"), ("pageSize", 1), ("continuationToken", token));
            Assert.True(page.GetProperty("items").GetArrayLength() <= 1);
            Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal("Approved", i.GetProperty("status").GetString()));
            found |= page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("jobDescriptionId").GetString() == jdId);
            token = page.GetProperty("continuationToken").ValueKind == JsonValueKind.String ? page.GetProperty("continuationToken").GetString() : null;
        }
        while (!found && token is not null && ++pages < 100);
        Assert.True(found, $"'{jdId}' not listed as Approved after {pages} pages");
        var approvedBatches = await client.CallNamedAsync("ListScreeningsAsync", ("status", "Approved"), ("pageSize", 200));
        Assert.Contains(approvedBatches.GetProperty("items").EnumerateArray(), i => i.GetProperty("batchId").GetString() == batchId);

        // Events: an hr.requisition.opened through the webhook, then its outcome by source and id.
        var eventId = $"open-{Guid.NewGuid():N}";
        var events = $$$"""
            [{"specversion":"1.0","id":"{{{eventId}}}","source":"/ats/generated","type":"hr.requisition.opened","tenantid":"{{{InMemoryHostFactory.Tenant}}}","datacontenttype":"application/json",
              "data":{"requisitionId":"req-gen","title":"Engineer","jobDescription":"Build services.","criteria":[{"id":"cs","text":"Production C#","kind":"MustHave"}],"openedAt":"2026-11-30T09:00:00Z"}}]
            """;
        var receipts = await client.CallAsync("ReceiveEventsAsync", client.Body("ReceiveEventsAsync", events));
        Assert.Equal("Handled", receipts.GetProperty("events")[0].GetProperty("disposition").GetString());
        var outcome = await client.CallAsync("GetInboundEventAsync", "/ats/generated", eventId);
        Assert.Equal("Handled", outcome.GetProperty("disposition").GetString());
    }

    private static string Example(JsonDocument document, string path) =>
        document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").EnumerateObject().First().Value.GetProperty("example").GetRawText();

    private static async Task<JsonElement> PollAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var state = await read();
            if (done(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < until, $"Timed out; last state {state}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// NSwag's documented hook for System.Text.Json clients: the document's enums are string enums (their names), which
    /// NSwag's generated System.Text.Json settings do not read by default.
    /// </summary>
    private const string EnumsAsNames = """
        namespace Generated;
        public partial class AiFunctionsClient
        {
            static partial void UpdateJsonSerializerSettings(System.Text.Json.JsonSerializerOptions settings) =>
                settings.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        }
        """;

    private static GeneratedClient Compile(NSwag.OpenApiDocument document, HttpClient http)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "AiFunctionsClient",
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            CSharpGeneratorSettings = { Namespace = "Generated", JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "GeneratedAiFunctionsClient",
            [CSharpSyntaxTree.ParseText(code), CSharpSyntaxTree.ParseText(EnumsAsNames)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, "The generated client does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(stream);
        var type = assembly.GetType("Generated.AiFunctionsClient")!;
        return new GeneratedClient(Activator.CreateInstance(type, http)!);
    }

    /// <summary>The generated client, called by operation (method) name; answers come back as JSON for the asserts.</summary>
    private sealed class GeneratedClient(object client)
    {
        private MethodInfo Method(string name) =>
            client.GetType().GetMethods().Where(m => m.Name == name).OrderByDescending(m => m.GetParameters().Length).First();

        /// <summary>The method's body parameter bound from JSON (the generated request type).</summary>
        public object Body(string method, string json)
        {
            var parameter = Method(method).GetParameters().Last(p => p.ParameterType != typeof(CancellationToken));
            return JsonSerializer.Deserialize(json, parameter.ParameterType, Web)!;
        }

        public async Task<JsonElement> CallAsync(string method, params object?[] arguments)
        {
            var info = Method(method);
            var all = arguments.Concat(info.GetParameters().Skip(arguments.Length).Select(p => p.ParameterType == typeof(CancellationToken) ? (object?)CancellationToken.None : null)).ToArray();
            return await InvokeAsync(info, all);
        }

        /// <summary>Calls by parameter name; a string given for an enum parameter is bound to the generated enum by name.</summary>
        public async Task<JsonElement> CallNamedAsync(string method, params (string Name, object? Value)[] arguments)
        {
            var info = Method(method);
            var all = info.GetParameters().Select(p =>
            {
                if (p.ParameterType == typeof(CancellationToken))
                {
                    return CancellationToken.None;
                }

                var value = arguments.FirstOrDefault(a => a.Name == p.Name).Value;
                var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
                return value is string name && type.IsEnum ? Enum.Parse(type, name) : value;
            }).ToArray();
            Assert.All(arguments, a => Assert.Contains(info.GetParameters(), p => p.Name == a.Name));
            return await InvokeAsync(info, all);
        }

        private async Task<JsonElement> InvokeAsync(MethodInfo info, object?[] all)
        {
            var task = (Task)info.Invoke(client, all)!;
            await task;
            var result = task.GetType().GetProperty("Result")?.GetValue(task);
            return JsonSerializer.SerializeToElement(result, result?.GetType() ?? typeof(object), Web);
        }
    }
}
