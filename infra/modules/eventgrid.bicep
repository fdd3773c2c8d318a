// Event Grid, both directions, CloudEvents 1.0 schema:
// - outbound: a custom topic the app publishes its domain events to (EventGrid Data Sender for the app);
// - inbound: a custom topic the HR platform publishes to (its publishers get EventGrid Data Sender).
// The webhook subscription to the inbound topic is its own module (eventgrid-webhook.bicep): it needs the
// Function App, which itself needs the outbound topic's endpoint.

param location string
param baseName string
param tags object

@description('Principal id of the app\'s user-assigned identity.')
param principalId string

@description('Resource id of the app\'s user-assigned identity (Event Grid uses it to write dead letters).')
param identityId string

@description('Principal ids (service principals) of the HR platform publishers allowed to send inbound events.')
param inboundPublisherPrincipalIds array

// EventGrid Data Sender: publish events to the topic, nothing else.
var dataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'

resource outbound 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: 'evgt-${baseName}-ai-events'
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource outboundSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(outbound.id, principalId, dataSender)
  scope: outbound
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
  }
}

resource inbound 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: 'evgt-${baseName}-hr-events'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource inboundSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for publisher in inboundPublisherPrincipalIds: {
  name: guid(inbound.id, publisher, dataSender)
  scope: inbound
  properties: {
    principalId: publisher
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
  }
}]

output outboundTopicEndpoint string = outbound.properties.endpoint
output outboundTopicName string = outbound.name
output inboundTopicEndpoint string = inbound.properties.endpoint
output inboundTopicName string = inbound.name
