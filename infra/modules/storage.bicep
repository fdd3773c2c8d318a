// The storage account behind the Functions host (AzureWebJobsStorage), the Durable Task hub (queues,
// tables, lease blobs), the screening results (tables/blobs), the deployment package and Event Grid's
// dead letters. The Functions host, the Durable Task hub and Event Grid use the managed identity. Shared-key access
// stays on only because the results store and the event idempotency tables (AiFunctions:Storage:ConnectionString)
// take a connection string today; its key lives in Key Vault (modules/secrets.bicep), never in app settings.

param location string
param baseName string
param tags object

@description('Storage redundancy, e.g. Standard_LRS for dev, Standard_ZRS for prod.')
param skuName string

@description('Principal id of the app\'s user-assigned identity.')
param principalId string

@description('Blob container that holds the zip package the app runs from (WEBSITE_RUN_FROM_PACKAGE).')
param deploymentContainerName string

@description('Blob container where Event Grid dead-letters events it could not deliver to the webhook.')
param deadLetterContainerName string

@description('Days after its last write that a resume blob (container resumes) is deleted: the retention of resume text (docs/security.md).')
@minValue(1)
param resumeRetentionDays int

@description('Days after which an event Event Grid dead-lettered (it may carry resume text) is deleted.')
@minValue(1)
param deadLetterRetentionDays int

var roles = {
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// Storage account names: 3-24 lowercase letters and digits, globally unique.
resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${replace(baseName, '-', '')}${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: { publicAccess: 'None' }
}

// Retention of personal data in blobs (docs/security.md, "Personal data"): resumes and Event Grid's dead letters are
// deleted by the storage service itself once they are older than their retention, whether or not the app runs.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-old-resumes'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ 'resumes/' ] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: resumeRetentionDays } } }
          }
        }
        {
          name: 'delete-old-dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ '${deadLetterContainerName}/' ] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: deadLetterRetentionDays } } }
          }
        }
      ]
    }
  }
}

// Blob, Queue and Table Data Contributor: what the Functions host, the Durable Task storage provider and
// the results store need (read/write data, create containers/queues/tables); no management-plane rights.
resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(account.id, principalId, role.value)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
  }
}]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
