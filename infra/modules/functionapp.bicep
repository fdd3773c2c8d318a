// The Function App (isolated worker, .NET 10, Linux) on an Elastic Premium plan.
// Why Premium: the Service Bus handlers run as ServiceBusProcessor hosted services inside the worker (the
// Service Bus trigger extension is not available to this project), so the platform's scale controller never
// sees their queues, and something must keep an instance running to receive messages. Elastic Premium keeps
// minimumElasticInstanceCount instances always running (never scales to zero), has no execution time
// limit and still scales out on HTTP and Durable Task load. See docs/deployment.md for the comparison
// with Flex Consumption.
// The app runs from a zip package in blob storage (WEBSITE_RUN_FROM_PACKAGE = blob URL, read with the
// managed identity), so no Azure Files content share and no storage account key are needed.

param location string
param baseName string
param tags object

@description('Name of the Function App (computed by main.bicep so other modules can refer to it).')
param functionAppName string

@description('Elastic Premium SKU: EP1, EP2 or EP3.')
@allowed([ 'EP1', 'EP2', 'EP3' ])
param planSku string

@description('Instances kept running at all times (they host the Service Bus processors). At least 1.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int

@description('Upper bound for scale-out.')
@minValue(1)
@maxValue(100)
param maximumInstances int

@description('Resource id and client id of the user-assigned identity the app runs as.')
param identityId string
param identityClientId string

param storageAccountName string
param storageBlobEndpoint string
param deploymentContainerName string

@description('Application Insights connection string (not a secret: ingestion needs Entra auth, local auth is off).')
param appInsightsConnectionString string

@description('App settings the app reads (besides the platform ones built here).')
param appSettings object

@description('App setting name -> Key Vault secret name; each becomes a Key Vault reference.')
param vaultReferencedSettings object

param keyVaultName string

var keyVaultReferences = [for setting in items(vaultReferencedSettings): {
  name: setting.key
  value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${setting.value})'
}]

var platformSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  // Identity-based host storage (also used by the Durable Task storage provider: connectionName AzureWebJobsStorage).
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Run from the zip in the deployment container, fetched with the user-assigned identity.
  WEBSITE_RUN_FROM_PACKAGE: '${storageBlobEndpoint}${deploymentContainerName}/functionapp.zip'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential in the app (Service Bus, Event Grid, results store) picks this identity.
  AZURE_CLIENT_ID: identityClientId
}

var allSettings = union(platformSettings, appSettings)

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-${baseName}'
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumInstances
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minimumElasticInstanceCount: alwaysReadyInstances
      functionAppScaleLimit: maximumInstances
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(map(items(allSettings), s => { name: s.key, value: string(s.value) }), keyVaultReferences)
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
