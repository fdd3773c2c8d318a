using DurableTask.AzureStorage;

namespace AiFunctions.Host.Durable;

/// <summary>
/// Works around a type-name mismatch between the gRPC sidecar and the Azure Storage provider: the sidecar passes a
/// sub-orchestration's tags to DTFx as a protobuf <c>MapField&lt;string, string&gt;</c>, the provider's queue
/// serializer writes that concrete type name into the message, and reading the message back fails (the type is not
/// resolvable from DurableTask.AzureStorage), so every sub-orchestration start is retried forever. This binder writes
/// the map as a plain <c>Dictionary&lt;string, string&gt;</c> and reads already-written messages the same way.
/// </summary>
internal sealed class ProtobufTagsTypeBinder : ICustomTypeBinder
{
    private const string MapFieldName = "Google.Protobuf.Collections.MapField`2";
    private static readonly Type Replacement = typeof(Dictionary<string, string>);

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
    {
        ArgumentNullException.ThrowIfNull(serializedType);
        var type = IsMapField(serializedType.FullName) ? Replacement : serializedType;
        assemblyName = type.Assembly.GetName().Name;
        typeName = type.FullName;
    }

    public Type BindToType(string assemblyName, string typeName)
    {
        if (IsMapField(typeName))
        {
            return Replacement;
        }

        var qualified = string.IsNullOrEmpty(assemblyName) ? typeName : $"{typeName}, {assemblyName}";
        return Type.GetType(qualified, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"Cannot resolve type '{qualified}' from a queued Durable Task message.");
    }

    private static bool IsMapField(string? typeName) => typeName?.StartsWith(MapFieldName, StringComparison.Ordinal) == true;
}
