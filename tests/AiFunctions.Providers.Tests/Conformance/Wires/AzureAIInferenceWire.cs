namespace AiFunctions.Providers.Tests.Conformance.Wires;

/// <summary>
/// Azure AI model inference (Azure AI Foundry models): the OpenAI body format at <c>{endpoint}/chat/completions?api-version=</c>
/// with the deployment name in the body's <c>model</c>; errors in the OpenAI error shape, the content filter as HTTP 400
/// with <c>error.code = "content_filter"</c>, as Azure OpenAI answers it.
/// </summary>
public sealed class AzureAIInferenceWire : AzureOpenAIWire;
