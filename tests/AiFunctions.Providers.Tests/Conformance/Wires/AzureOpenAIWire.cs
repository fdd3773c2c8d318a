using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Providers.Tests.Conformance.Wires;

/// <summary>
/// Azure OpenAI: the OpenAI body format at <c>/openai/deployments/{deployment}/...?api-version=</c>, header <c>api-key</c>.
/// Content filter: HTTP 400 with <c>error.code = "content_filter"</c> (how Azure refuses a prompt).
/// </summary>
public class AzureOpenAIWire : OpenAIWire
{
    protected override Task WriteContentFilterAsync(HttpContext http, RecordedRequest request) =>
        WriteJsonAsync(http, 400, Json(new
        {
            error = new
            {
                message = "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                type = (string?)null,
                param = "prompt",
                code = "content_filter",
                status = 400,
            },
        }));
}
