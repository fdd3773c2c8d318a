// Key Vault for provider API keys, in RBAC mode. The app reads secrets through Key Vault references in its
// app settings (resolved by the platform with the user-assigned identity); it never sees the vault keys.

param location string
param tags object

@description('Vault name (3-24 characters), computed by main.bicep so other modules can read secrets from it.')
param name string

@description('Principal id of the app\'s user-assigned identity.')
param principalId string

@description('Soft-delete retention in days; purge protection follows enablePurgeProtection.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection cannot be turned off once on: true for prod, false for dev so it can be torn down.')
param enablePurgeProtection bool

// Key Vault Secrets User: read secret values, nothing else.
var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, secretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
