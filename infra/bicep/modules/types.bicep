// Shared user-defined types.

@export()
@description('Resource tags.')
type resourceTags = {
  *: string
}

@export()
@description('A role granted to a principal on the resource the module creates.')
type roleGrant = {
  @description('Built-in role definition GUID.')
  roleDefinitionId: string
  @description('Object id of the principal.')
  principalId: string
  @description('Kind of principal.')
  principalType: 'ServicePrincipal' | 'User' | 'Group'
}

@export()
@description('An app setting whose value is read from Key Vault through a Key Vault reference.')
type keyVaultSetting = {
  @description('App setting name, environment-variable form (e.g. Signing__Key).')
  setting: string
  @description('Secret name in the vault.')
  secretName: string
}

@export()
@description('A map of string to string (app settings, hashes, URLs).')
type stringMap = {
  *: string
}
