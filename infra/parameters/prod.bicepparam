// Production: two always-running instances (processors keep receiving through an instance restart or a
// platform update), zone-redundant storage, longer log retention, purge-protected Key Vault.
using '../main.bicep'

param environmentName = 'prod'
param appName = 'aifn'
param planSku = 'EP2'
param alwaysReadyInstances = 2
param maximumInstances = 20
param storageSku = 'Standard_ZRS'
param serviceBusSku = 'Standard'
param redisSku = 'Standard'
param redisCapacity = 1
param logRetentionInDays = 90
param keyVaultPurgeProtection = true
param createInboundSubscription = bool(readEnvironmentVariable('AIFN_CREATE_EVENTGRID_SUBSCRIPTION', 'false'))
param inboundPublisherPrincipalIds = []
// Screening and drafting on Azure OpenAI, failing over to the local rules model when its circuit is open.
// The key is a Key Vault reference: set the secret 'azure-openai-api-key' before the app starts (docs/deployment.md).
param vaultReferencedSettings = {
  AiFunctions__Providers__azure__ApiKey: 'azure-openai-api-key'
}
param extraAppSettings = {
  AiFunctions__Providers__azure__Plugin: 'azure-openai'
  AiFunctions__Providers__azure__Endpoint: 'https://CHANGE-ME.openai.azure.com/'
  AiFunctions__Providers__azure__Models__0: 'gpt-4o-mini'
  AiFunctions__Routes__screening__Targets__0__Provider: 'azure'
  AiFunctions__Routes__screening__Targets__0__Model: 'gpt-4o-mini'
  AiFunctions__Routes__screening__Targets__1__Provider: 'local'
  AiFunctions__Routes__screening__Targets__1__Model: 'hr-rules-v1'
  AiFunctions__Routes__drafting__Targets__0__Provider: 'azure'
  AiFunctions__Routes__drafting__Targets__0__Model: 'gpt-4o-mini'
  AiFunctions__Routes__drafting__Targets__1__Provider: 'local'
  AiFunctions__Routes__drafting__Targets__1__Model: 'hr-rules-v1'
}
// The operator console (docs/console.md): off until its Entra app registrations exist; then set these three.
param deployConsole = bool(readEnvironmentVariable('AIFN_DEPLOY_CONSOLE', 'false'))
param consoleClientId = readEnvironmentVariable('AIFN_CONSOLE_CLIENT_ID', '')
param apiAppIdUri = readEnvironmentVariable('AIFN_API_APP_ID_URI', '')
