using AiFunctions.Testing;

namespace AiFunctions.Host.Tests.Integration;

/// <summary>Integration tests share one Azurite and run one after another (each starts its own host process).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
