// One StorageV2 account with optional queues, blob containers and file share, and the data-plane
// roles granted on it. Used twice: the Functions host's account and the product's account.

import { resourceTags, roleGrant } from 'types.bicep'

@description('Azure region.')
param location string

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Shared-key (account key / SAS) access. Keep false unless something cannot use Entra ID (Azure Files content share).')
param allowSharedKeyAccess bool

@description('Queues to create.')
param queueNames string[]

@description('Blob containers to create.')
param containerNames string[]

@description('File share to create (empty: none).')
param fileShareName string

@description('Roles granted on this account.')
param roleGrants roleGrant[]

param tags resourceTags

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: false
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = if (!empty(queueNames)) {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = if (!empty(containerNames)) {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [for containerName in containerNames: {
  parent: blobService
  name: containerName
  properties: { publicAccess: 'None' }
}]

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2025-06-01' = if (!empty(fileShareName)) {
  parent: account
  name: 'default'
}

resource fileShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-06-01' = if (!empty(fileShareName)) {
  parent: fileService
  name: empty(fileShareName) ? 'unused' : fileShareName
}

resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in roleGrants: {
  name: guid(account.id, grant.principalId, grant.roleDefinitionId)
  scope: account
  properties: {
    principalId: grant.principalId
    principalType: grant.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
  }
}]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
