using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Azure.Core;
using Azure.Identity;

namespace AiFunctions.Providers.AzureOpenAI;

/// <summary>How an Azure OpenAI instance authenticates: exactly one of an API key or a managed identity.</summary>
internal sealed record AzureOpenAICredentials(string? ApiKey, TokenCredential? TokenCredential)
{
    public static AzureOpenAICredentials Read(ProviderInstanceContext context)
    {
        var apiKey = context.GetSetting("ApiKey");
        var useIdentityRaw = context.GetSetting("UseManagedIdentity");
        var useIdentity = false;
        if (useIdentityRaw is not null && !bool.TryParse(useIdentityRaw, out useIdentity))
        {
            throw new AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin 'azure-openai'): setting '{context.Path("UseManagedIdentity")}' is '{useIdentityRaw}'; use true or false.");
        }

        if (useIdentity && apiKey is not null)
        {
            throw new AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin 'azure-openai'): both '{context.Path("ApiKey")}' and '{context.Path("UseManagedIdentity")}'=true are set. Choose one: remove the key to use the managed identity, or set UseManagedIdentity to false.");
        }

        if (useIdentity)
        {
            var clientId = context.GetSetting("ManagedIdentityClientId");
            TokenCredential credential = clientId is null
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            return new AzureOpenAICredentials(null, credential);
        }

        return apiKey is not null
            ? new AzureOpenAICredentials(apiKey, null)
            : throw new AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin 'azure-openai'): required setting '{context.Path("ApiKey")}' is missing. " +
                $"Set the resource's key (from a secret store), or set '{context.Path("UseManagedIdentity")}' to true (optionally '{context.Path("ManagedIdentityClientId")}' for a user-assigned identity) and grant it 'Cognitive Services OpenAI User'.");
    }
}
