// Development: smallest Premium plan, one always-running instance (hosts the Service Bus processors),
// locally redundant storage, short retention, Key Vault that can be purged when the environment is torn down.
using '../main.bicep'

param environmentName = 'dev'
param appName = 'aifn'
param planSku = 'EP1'
param alwaysReadyInstances = 1
param maximumInstances = 4
param storageSku = 'Standard_LRS'
param serviceBusSku = 'Standard'
param redisSku = 'Basic'
param redisCapacity = 0
param logRetentionInDays = 30
param keyVaultPurgeProtection = false
param createInboundSubscription = bool(readEnvironmentVariable('AIFN_CREATE_EVENTGRID_SUBSCRIPTION', 'false'))
param inboundPublisherPrincipalIds = []
// Development runs on the offline local provider (the composition root's defaults): no provider key needed.
// To try a hosted model, add an instance and point a route at it, with its key as a Key Vault reference, e.g.
//   vaultReferencedSettings = { AiFunctions__Providers__openai__ApiKey: 'openai-api-key' }
//   extraAppSettings = { AiFunctions__Providers__openai__Plugin: 'openai', AiFunctions__Providers__openai__Models__0: 'gpt-4o-mini',
//                        AiFunctions__Routes__drafting__Targets__0__Provider: 'openai', AiFunctions__Routes__drafting__Targets__0__Model: 'gpt-4o-mini' }
param vaultReferencedSettings = {}
param extraAppSettings = {}
// The operator console (docs/console.md): off until its Entra app registrations exist; then set these three.
param deployConsole = bool(readEnvironmentVariable('AIFN_DEPLOY_CONSOLE', 'false'))
param consoleClientId = readEnvironmentVariable('AIFN_CONSOLE_CLIENT_ID', '')
param apiAppIdUri = readEnvironmentVariable('AIFN_API_APP_ID_URI', '')
