// The operator console (src/Console/AiFunctions.Console, docs/console.md): a Blazor Web App on a Linux App Service
// plan, signed in with Microsoft Entra ID through Microsoft.Identity.Web in the app (AiFunctions__Console__SignIn =
// EntraId). The app, not App Service Authentication (Easy Auth), runs the sign-in, because it must also acquire an
// access token for the API on behalf of the signed-in person (the Functions app validates it with its JWT settings).
// Its client credential is secretless: a federated credential of its app registration trusts the console's own
// user-assigned identity (SignedAssertionFromManagedIdentity). The identity holds no data role: the console reads
// and writes nothing but the API.

param location string
param baseName string
param tags object

@description('Host name of the Functions app whose API the console calls.')
param apiHostName string

@description('Microsoft Entra tenant (directory) id of the app registrations.')
param entraTenantId string

@description('Application (client) id of the console\'s app registration (web platform, redirect https://<console>/signin-oidc).')
param consoleClientId string

@description('The API\'s scope the console asks tokens for, e.g. api://aifunctions-api/.default.')
param apiScope string

@description('App Service plan SKU of the console (Linux).')
@allowed([ 'B1', 'B2', 'P0v3', 'P1v3' ])
param planSku string = 'B1'

resource consoleIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-console-${baseName}'
  location: location
  tags: tags
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-console-${baseName}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
  }
  properties: {
    reserved: true // Linux
  }
}

var settings = {
  AiFunctions__Console__ApiBaseUrl: 'https://${apiHostName}/'
  AiFunctions__Console__SignIn: 'EntraId'
  AiFunctions__Console__ApiScope: apiScope
  AzureAd__Instance: environment().authentication.loginEndpoint
  AzureAd__TenantId: entraTenantId
  AzureAd__ClientId: consoleClientId
  AzureAd__CallbackPath: '/signin-oidc'
  AzureAd__ClientCredentials__0__SourceType: 'SignedAssertionFromManagedIdentity'
  AzureAd__ClientCredentials__0__ManagedIdentityClientId: consoleIdentity.properties.clientId
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-console-${baseName}-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${consoleIdentity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Interactive server rendering keeps a SignalR connection per open page.
      webSocketsEnabled: true
      alwaysOn: true
      appSettings: map(items(settings), s => { name: s.key, value: string(s.value) })
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output identityPrincipalId string = consoleIdentity.properties.principalId
output identityClientId string = consoleIdentity.properties.clientId
