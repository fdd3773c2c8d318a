// Service Bus namespace whose queues, topics, subscriptions and rules come from the same entity file that
// configures the official emulator and the in-process dev broker (infra/servicebus/Config.json, passed in
// by main.bicep as one namespace object). Local (SAS) auth is off: the app uses its managed identity.

param location string
param baseName string
param tags object

@description('Standard or Premium (topics need at least Standard).')
@allowed([ 'Standard', 'Premium' ])
param skuName string

@description('One namespace object from the emulator Config.json (UserConfig.Namespaces[n]): Queues, Topics.')
param entities object

@description('Principal id of the app\'s user-assigned identity.')
param principalId string

var roles = {
  dataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  dataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
}

var queues = entities.?Queues ?? []
var topics = entities.?Topics ?? []

// Flatten topics -> subscriptions -> rules, keeping the parent's index so each child can name its parent.
var subscriptions = flatten(map(range(0, length(topics)), t => map(topics[t].?Subscriptions ?? [], s => {
  topicIndex: t
  name: s.Name
  properties: s.?Properties ?? {}
  rules: s.?Rules ?? []
})))

// Azure gives every new subscription a catch-all '$Default' rule (the emulator does not when rules are
// listed). The first rule of each subscription is therefore written INTO '$Default', so the filter from
// Config.json replaces the catch-all instead of being OR-ed with it. Further rules keep their names.
var rules = flatten(map(range(0, length(subscriptions)), s => map(range(0, length(subscriptions[s].rules)), r => {
  subscriptionIndex: s
  name: r == 0 ? '$Default' : subscriptions[s].rules[r].Name
  properties: subscriptions[s].rules[r].?Properties ?? {}
})))

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-${baseName}-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  sku: { name: skuName, tier: skuName }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queueResources 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for q in queues: {
  parent: namespace
  name: q.Name
  properties: {
    lockDuration: q.?Properties.?LockDuration ?? 'PT1M'
    maxDeliveryCount: q.?Properties.?MaxDeliveryCount ?? 10
    defaultMessageTimeToLive: q.?Properties.?DefaultMessageTimeToLive ?? 'P14D'
    deadLetteringOnMessageExpiration: q.?Properties.?DeadLetteringOnMessageExpiration ?? false
    requiresDuplicateDetection: q.?Properties.?RequiresDuplicateDetection ?? false
    duplicateDetectionHistoryTimeWindow: q.?Properties.?DuplicateDetectionHistoryTimeWindow ?? 'PT10M'
    requiresSession: q.?Properties.?RequiresSession ?? false
    forwardTo: empty(q.?Properties.?ForwardTo ?? '') ? null : q.Properties.ForwardTo
    forwardDeadLetteredMessagesTo: empty(q.?Properties.?ForwardDeadLetteredMessagesTo ?? '') ? null : q.Properties.ForwardDeadLetteredMessagesTo
  }
}]

resource topicResources 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = [for t in topics: {
  parent: namespace
  name: t.Name
  properties: {
    defaultMessageTimeToLive: t.?Properties.?DefaultMessageTimeToLive ?? 'P14D'
    requiresDuplicateDetection: t.?Properties.?RequiresDuplicateDetection ?? false
    duplicateDetectionHistoryTimeWindow: t.?Properties.?DuplicateDetectionHistoryTimeWindow ?? 'PT10M'
  }
}]

resource subscriptionResources 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = [for s in subscriptions: {
  parent: topicResources[s.topicIndex]
  name: s.name
  properties: {
    lockDuration: s.properties.?LockDuration ?? 'PT1M'
    maxDeliveryCount: s.properties.?MaxDeliveryCount ?? 10
    defaultMessageTimeToLive: s.properties.?DefaultMessageTimeToLive ?? 'P14D'
    deadLetteringOnMessageExpiration: s.properties.?DeadLetteringOnMessageExpiration ?? false
    requiresSession: s.properties.?RequiresSession ?? false
    forwardTo: empty(s.properties.?ForwardTo ?? '') ? null : s.properties.ForwardTo
    forwardDeadLetteredMessagesTo: empty(s.properties.?ForwardDeadLetteredMessagesTo ?? '') ? null : s.properties.ForwardDeadLetteredMessagesTo
  }
}]

resource ruleResources 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2022-10-01-preview' = [for r in rules: {
  parent: subscriptionResources[r.subscriptionIndex]
  name: r.name
  properties: r.properties.?FilterType == 'Sql'
    ? {
        filterType: 'SqlFilter'
        sqlFilter: { sqlExpression: r.properties.SqlFilter.SqlExpression }
        action: empty(r.properties.?Action.?SqlExpression ?? '') ? null : { sqlExpression: r.properties.Action.SqlExpression }
      }
    : {
        filterType: 'CorrelationFilter'
        correlationFilter: {
          correlationId: r.properties.?CorrelationFilter.?CorrelationId
          contentType: r.properties.?CorrelationFilter.?ContentType
          label: r.properties.?CorrelationFilter.?Label
          messageId: r.properties.?CorrelationFilter.?MessageId
          replyTo: r.properties.?CorrelationFilter.?ReplyTo
          replyToSessionId: r.properties.?CorrelationFilter.?ReplyToSessionId
          sessionId: r.properties.?CorrelationFilter.?SessionId
          to: r.properties.?CorrelationFilter.?To
          properties: r.properties.?CorrelationFilter.?Properties
        }
        action: empty(r.properties.?Action.?SqlExpression ?? '') ? null : { sqlExpression: r.properties.Action.SqlExpression }
      }
}]

// Sender + Receiver on the namespace: the app consumes the queue and the topic subscriptions and publishes
// to the outbound topic; it cannot create, delete or reconfigure entities (no Owner / manage rights).
resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(namespace.id, principalId, role.value)
  scope: namespace
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
  }
}]

output name string = namespace.name
// serviceBusEndpoint is 'https://<name>.servicebus.<cloud suffix>:443/': keep the host, whatever the cloud.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
output queueNames array = [for (q, i) in queues: queueResources[i].name]
output topicNames array = [for (t, i) in topics: topicResources[i].name]
