// The one user-assigned managed identity the Function App runs as. Every data-plane permission the app
// has is a role assignment to this identity, made next to the resource it applies to (least privilege).

param location string
param baseName string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}'
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
