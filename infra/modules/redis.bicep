// Azure Cache for Redis: the state every instance of the app shares (kernel budgets, tenant and target rate-limit windows and
// the usage ledger; docs/kernel.md "Shared state"). TLS only; the connection string goes to Key Vault and reaches the
// app as a Key Vault reference (AiFunctions__SharedState__Redis), never as a plain app setting.

param location string
param baseName string
param tags object

@description('Basic has no replica or SLA (dev); Standard is replicated (prod).')
@allowed([ 'Basic', 'Standard', 'Premium' ])
param skuName string

@description('Cache size within the SKU family (C0 = 250 MB, C1 = 1 GB, ...).')
@minValue(0)
@maxValue(6)
param capacity int

param keyVaultName string

resource cache 'Microsoft.Cache/redis@2024-03-01' = {
  name: 'redis-${baseName}-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisConfiguration: {
      'maxmemory-policy': 'noeviction'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource connection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'redis-connection-string'
  properties: {
    contentType: 'StackExchange.Redis configuration string (AiFunctions:SharedState:Redis)'
    value: '${cache.properties.hostName}:${cache.properties.sslPort},password=${cache.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

output name string = cache.name
output connectionSecretName string = connection.name
