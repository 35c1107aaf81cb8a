// Key Vault in RBAC mode. Secret values are NOT passed through Bicep (they would land in
// deployment history); the operator sets them with `az keyvault secret set` (docs/deploy.md).
// The app reads them through Key Vault references with the user-assigned identity.

import { resourceTags, roleGrant } from 'types.bicep'

@description('Azure region.')
param location string

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Purge protection cannot be turned off once on; keep true for production.')
param enablePurgeProtection bool

@description('Roles granted on this vault.')
param roleGrants roleGrant[]

param tags resourceTags

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in roleGrants: {
  name: guid(vault.id, grant.principalId, grant.roleDefinitionId)
  scope: vault
  properties: {
    principalId: grant.principalId
    principalType: grant.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
  }
}]

output id string = vault.id
output name string = vault.name
@description('Vault URI, ending with a slash.')
output uri string = vault.properties.vaultUri
