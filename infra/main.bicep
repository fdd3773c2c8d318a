// AiFunctions on Azure: one resource group holding the Function App (Elastic Premium, Linux, .NET 10
// isolated worker), its storage, Service Bus, Event Grid, Key Vault, monitoring and the managed identity
// it runs as. Deploy with: az deployment group create -g <rg> -f infra/main.bicep -p infra/parameters/<env>.bicepparam
// Steps, the hosting-plan decision and what each setting means: docs/deployment.md.
targetScope = 'resourceGroup'

@description('Environment name; part of every resource name.')
@allowed([ 'dev', 'prod' ])
param environmentName string

@description('Short application name; part of every resource name.')
@minLength(2)
@maxLength(8)
param appName string = 'aifn'

param location string = resourceGroup().location

@description('Elastic Premium SKU and instance bounds (see modules/functionapp.bicep for why Premium).')
@allowed([ 'EP1', 'EP2', 'EP3' ])
param planSku string = 'EP1'
@minValue(1)
param alwaysReadyInstances int = 1
@minValue(1)
param maximumInstances int = 10

@allowed([ 'Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS' ])
param storageSku string = 'Standard_LRS'

@description('Days a resume blob is kept after its last write before the storage lifecycle rule deletes it (docs/security.md).')
@minValue(1)
param resumeRetentionDays int = 180

@description('Days an event dead-lettered by Event Grid (it may carry resume text) is kept before it is deleted.')
@minValue(1)
param deadLetterRetentionDays int = 30

@allowed([ 'Standard', 'Premium' ])
param serviceBusSku string = 'Standard'

@description('Azure Cache for Redis holding the state all instances share (budgets, tenant and target rate limits, usage ledger).')
@allowed([ 'Basic', 'Standard', 'Premium' ])
param redisSku string = 'Standard'
@minValue(0)
@maxValue(6)
param redisCapacity int = 1

@minValue(30)
param logRetentionInDays int = 30

param keyVaultPurgeProtection bool = false

@description('Create the Event Grid webhook subscription. Leave false on the first deployment (the app is not running yet); set true after publishing the app.')
param createInboundSubscription bool = false

@description('Service principals of the HR platform that publish inbound events to the hr-events Event Grid topic.')
param inboundPublisherPrincipalIds array = []

@description('Deploy the operator console (modules/console.bicep, docs/console.md) wired to the Functions app with Entra ID sign-in.')
param deployConsole bool = false

@description('With deployConsole: application (client) id of the console\'s Entra app registration.')
param consoleClientId string = ''

@description('With deployConsole: the API\'s Entra application id URI (the audience of the tokens the console sends), e.g. api://aifunctions-api.')
param apiAppIdUri string = ''

@description('With deployConsole: the HR tenant id the API gives people signed in with Entra ID (their tokens carry no tenant claim).')
param consoleDataTenant string = 'default'

@description('App setting name -> Key Vault secret name. The secrets are set by the deployer (docs/deployment.md).')
param vaultReferencedSettings object = {}

@description('Further app settings, e.g. provider endpoints and routes (AiFunctions__Providers__..., AiFunctions__Routes__...).')
param extraAppSettings object = {}

// The one entity file: it configures the official Service Bus emulator (compose.yaml), the in-process dev
// broker and, here, the Azure namespace. Its first namespace is the one we deploy.
// With the console, the API accepts Entra ID bearer tokens for its own app registration (docs/security.md, JWT);
// app roles (Submitter, Reviewer, Operator, Auditor, ServiceOperator) arrive in the "roles" claim.
var consoleJwtSettings = deployConsole ? {
  AiFunctions__Auth__Jwt__Authority: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  AiFunctions__Auth__Jwt__Audiences__0: apiAppIdUri
  AiFunctions__Auth__Jwt__Tenant: consoleDataTenant
} : {}

var serviceBusEntities = loadJsonContent('servicebus/Config.json').UserConfig.Namespaces[0]

var baseName = '${appName}-${environmentName}'
var functionAppName = 'func-${baseName}-${uniqueString(resourceGroup().id)}'
var keyVaultName = take('kv-${baseName}-${uniqueString(resourceGroup().id)}', 24)
var intakeKeySecretName = 'events-intake-key'
var deploymentContainerName = 'deployments'
var deadLetterContainerName = 'eventgrid-deadletter'
var tags = {
  application: 'ai-functions'
  environment: environmentName
}

// Inbound HR event types the webhook accepts (the Service Bus subscriptions in Config.json filter the same).
var inboundEventTypes = [
  'hr.candidate.applied'
  'hr.requisition.opened'
  'hr.requisition.closed'
  'hr.employee.hired'
]

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    baseName: baseName
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    baseName: baseName
    tags: tags
    retentionInDays: logRetentionInDays
    principalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    baseName: baseName
    tags: tags
    skuName: storageSku
    principalId: identity.outputs.principalId
    deploymentContainerName: deploymentContainerName
    deadLetterContainerName: deadLetterContainerName
    resumeRetentionDays: resumeRetentionDays
    deadLetterRetentionDays: deadLetterRetentionDays
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    baseName: baseName
    tags: tags
    skuName: serviceBusSku
    entities: serviceBusEntities
    principalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: keyVaultName
    tags: tags
    principalId: identity.outputs.principalId
    softDeleteRetentionInDays: environmentName == 'prod' ? 90 : 7
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    location: location
    baseName: baseName
    tags: tags
    skuName: redisSku
    capacity: redisCapacity
    keyVaultName: keyVault.outputs.name
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  params: {
    location: location
    baseName: baseName
    tags: tags
    principalId: identity.outputs.principalId
    identityId: identity.outputs.id
    inboundPublisherPrincipalIds: inboundPublisherPrincipalIds
  }
}

module secrets 'modules/secrets.bicep' = {
  name: 'secrets'
  params: {
    keyVaultName: keyVault.outputs.name
    storageAccountName: storage.outputs.name
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

module eventGridWebhook 'modules/eventgrid-webhook.bicep' = if (createInboundSubscription) {
  name: 'eventgrid-webhook'
  params: {
    intakeKey: vault.getSecret(intakeKeySecretName)
    inboundTopicName: eventGrid.outputs.inboundTopicName
    functionAppName: functionApp.outputs.name
    identityId: identity.outputs.id
    inboundEventTypes: inboundEventTypes
    deadLetterStorageAccountId: storage.outputs.id
    deadLetterContainerName: deadLetterContainerName
    maxDeliveryAttempts: 10
    eventTimeToLiveInMinutes: 1440
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    baseName: baseName
    tags: tags
    functionAppName: functionAppName
    planSku: planSku
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstances: maximumInstances
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    vaultReferencedSettings: union({
      AiFunctions__Storage__ConnectionString: secrets.outputs.storageConnectionSecretName
      AiFunctions__Events__Intake__SharedKey: intakeKeySecretName
      AiFunctions__SharedState__Redis: redis.outputs.connectionSecretName
    }, vaultReferencedSettings)
    appSettings: union({
      // Read by the app (local.settings.sample.json lists every setting; docs/deployment.md explains them).
      AiFunctions__ServiceBus__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      AiFunctions__Events__Intake__Mode: 'ServiceBus'
      AiFunctions__Events__Outbound__Kind: 'EventGrid'
      AiFunctions__Events__Outbound__TopicEndpoint: eventGrid.outputs.outboundTopicEndpoint
      // Small resumes are kept in table rows, which no blob lifecycle rule reaches: the app's retention sweep clears
      // them after the same number of days (docs/security.md, "Retention").
      AiFunctions__Retention__ResumesDays: resumeRetentionDays
    }, consoleJwtSettings, extraAppSettings)
  }
}

module operatorConsole 'modules/console.bicep' = if (deployConsole) {
  name: 'console'
  params: {
    location: location
    baseName: baseName
    tags: tags
    apiHostName: functionApp.outputs.defaultHostName
    entraTenantId: tenant().tenantId
    consoleClientId: consoleClientId
    apiScope: '${apiAppIdUri}/.default'
  }
}

output consoleHostName string = deployConsole ? operatorConsole!.outputs.defaultHostName : ''
output consoleIdentityPrincipalId string = deployConsole ? operatorConsole!.outputs.identityPrincipalId : ''
output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output deploymentContainer string = deploymentContainerName
output keyVaultName string = keyVault.outputs.name
output redisName string = redis.outputs.name
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output outboundTopicEndpoint string = eventGrid.outputs.outboundTopicEndpoint
output inboundTopicEndpoint string = eventGrid.outputs.inboundTopicEndpoint
