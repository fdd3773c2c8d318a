// Secrets the deployment itself can produce, written to Key Vault so app settings only hold Key Vault references:
// the storage connection string for the results store (AiFunctions:Storage:ConnectionString). Provider API keys and
// the event intake key are set by the deployer (docs/deployment.md), not here.

param keyVaultName string
param storageAccountName string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource storageConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    contentType: 'Azure Storage connection string (results store)'
    value: 'DefaultEndpointsProtocol=https;AccountName=${account.name};AccountKey=${account.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

output storageConnectionSecretName string = storageConnection.name
