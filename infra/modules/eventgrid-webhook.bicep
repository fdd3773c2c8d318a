// The Event Grid subscription that delivers inbound HR events (CloudEvents 1.0) from the hr-events topic to
// the app's webhook, /api/events, authenticated with the event intake's shared key (AiFunctions:Events:Intake:SharedKey,
// sent as the 'code' query parameter, which the intake checks itself). Deliveries that keep failing
// are dead-lettered to blob storage (written with the user-assigned identity).
// Event Grid validates the endpoint (CloudEvents OPTIONS handshake) when the subscription is created, so
// main.bicep deploys this module only when createInboundSubscription is true, after the app is published.

@description('Name of the inbound Event Grid topic.')
param inboundTopicName string

@description('Name of the Function App that hosts the webhook.')
param functionAppName string

@description('The event intake\'s shared key (from Key Vault, secret events-intake-key).')
@secure()
param intakeKey string

@description('Resource id of the user-assigned identity Event Grid uses to write dead letters.')
param identityId string

@description('Inbound CloudEvents types delivered to the webhook.')
param inboundEventTypes array

@description('Storage account id and container for dead-lettered deliveries.')
param deadLetterStorageAccountId string
param deadLetterContainerName string

@description('Delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int

@description('Time to live of an undelivered event, in minutes.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int

resource inbound 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: inboundTopicName
}

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: functionAppName
}


resource webhook 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: inbound
  name: 'to-ai-functions'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${site.properties.defaultHostName}/api/events?code=${intakeKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: inboundEventTypes
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: identityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorageAccountId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output subscriptionName string = webhook.name
