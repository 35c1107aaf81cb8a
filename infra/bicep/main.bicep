// BreachNotify on Azure Functions (Linux, the isolated worker: dotnet-isolated, .NET 10).
// Build and lint: scripts/bicep.sh. Deploy: docs/deploy.md.

targetScope = 'resourceGroup'

import { resourceTags, keyVaultSetting, stringMap } from 'modules/types.bicep'

@description('Short environment name, lowercase letters and digits (e.g. prod, test1); part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Plan: FC1 (default: Flex Consumption, always-ready HTTP instances, VNet integration, pay per use) or EP1, EP2, EP3 (Elastic Premium: minimum instances always warm). Both run the isolated-worker package (scripts/package.sh). Linux Consumption (Y1) is not offered: it gets no .NET after 9.')
@allowed(['FC1', 'EP1', 'EP2', 'EP3'])
param planSku string = 'FC1'

@description('Always-ready instances: HTTP always-ready instances on Flex Consumption, minimum instances on Elastic Premium.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int = 1

@description('Maximum scale-out.')
@minValue(1)
@maxValue(100)
param maximumInstances int = 20

@description('Subnet for VNet integration (delegated to Microsoft.App/environments on Flex Consumption, Microsoft.Web/serverFarms on Elastic Premium); empty for none.')
param subnetId string = ''

@description('Client (application) id of the Entra ID app registration used by Easy Auth for the console.')
param authClientId string

@description('Entra ID tenant of the commanders.')
param authTenantId string = tenant().tenantId

@description('Object id of the Entra ID group whose members are incident commanders (Console:CommanderGroupId).')
param commanderGroupId string

@description('Exclude /api/incidents from Easy Auth so that tools can call it with commander API keys (Commanders:Keys); the app then authenticates those paths itself.')
param incidentApiUsesAppKeys bool = true

@description('Commander API keys, id -> SHA-256 hex of the key (Commanders:Keys:ID). Hashes only, never keys.')
param commanderKeyHashes stringMap = {}

@description('Base URL of links in notices; empty: https://<function app host name>. Set it when a custom domain fronts the app.')
param publicBaseUrl string = ''

@description('SendGrid Signed Event Webhook verification key as SendGrid shows it (base64, ECDSA P-256; SendGrid:EventWebhookPublicKey). A public key, not a secret. Empty: POST /api/delivery/sendgrid answers 503 and delivery events are not recorded.')
param sendGridEventWebhookPublicKey string = ''

@description('Folder of message templates that replace or add to the built-in ones (Notices:TemplatesPath). Empty: built-in templates only. scripts/package.sh --templates DIR puts a folder at /home/site/wwwroot/notice-templates.')
param noticeTemplatesPath string = ''

@description('Sender address of notices (SendGrid:From); must be a verified SendGrid sender.')
param sendGridFrom string

@description('SendGrid API base URL (SendGrid:Host).')
param sendGridHost string = 'https://api.sendgrid.com'

@description('SIEM source names (lowercase letters, digits, dashes). Each gets Sources:NAME:Secret from Key Vault secret source-NAME-secret.')
param sourceNames string[] = ['siem']

@description('Further app settings read from Key Vault (signing keys and the like): setting name -> secret name.')
param extraKeyVaultSettings keyVaultSetting[] = []

@description('Directory file path inside the app. Default: the file scripts/package.sh puts into the package (directory/directory.json).')
param directoryPath string = '/home/site/wwwroot/directory/directory.json'

@description('Minutes before an undecided incident escalates to the backup commander.')
@minValue(1)
param approvalEscalationMinutes int = 30

@description('Minutes before an unacknowledged notice is reminded.')
@minValue(1)
param ackReminderMinutes int = 240

@description('Object id of the operator (user, group or service principal) who sets secrets and, on Flex Consumption, may write the deployment container; empty: grant nothing.')
param operatorPrincipalId string = ''

@description('Kind of the operator principal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Key Vault purge protection (cannot be turned off once on).')
param enableKeyVaultPurgeProtection bool = true

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Elastic Premium only: the Linux stack of the isolated worker (Flex Consumption takes its runtime from functionAppConfig: dotnet-isolated 10.0).')
param linuxFxVersion string = 'DOTNET-ISOLATED|10.0'

@description('Tags on every resource.')
param tags resourceTags = {
  application: 'breachnotify'
}

// ---------------------------------------------------------------------------------------------
// Names
var env = toLower(environmentName)
var suffix = take(uniqueString(subscription().id, resourceGroup().id, env), 10)
var names = {
  identity: 'id-breachnotify-${env}'
  workspace: 'log-breachnotify-${env}'
  appInsights: 'appi-breachnotify-${env}'
  hostStorage: 'sth${env}${suffix}'
  productStorage: 'stp${env}${suffix}'
  keyVault: 'kv-bn-${env}-${take(suffix, 8)}'
  plan: 'plan-breachnotify-${env}'
  functionApp: 'func-breachnotify-${env}-${take(suffix, 6)}'
}
var isFlex = planSku == 'FC1'
var workflowQueueName = 'breachnotify-workflow'
var packageContainerName = 'deployments'
var contentShareName = take('breachnotify-${env}-content', 63)
var keyVaultUri = 'https://${names.keyVault}${environment().suffixes.keyvaultDns}/'
var sendGridSecretName = 'sendgrid-api-key'
var authClientSecretName = 'easyauth-client-secret'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

// Easy Auth protects the console (and anything not listed); these paths authenticate themselves:
// ingest by function key + HMAC signature, ack links by unguessable token, probes are public,
// and (optionally) the incident API by commander API keys.
var alwaysExcludedPaths = [
  '/api/detections'
  '/ack/*'
  '/healthz'
  '/readyz'
]
var incidentApiPaths = [
  '/api/incidents'
  '/api/incidents/*'
]
var authExcludedPaths = concat(alwaysExcludedPaths, incidentApiUsesAppKeys ? incidentApiPaths : [])

// ---------------------------------------------------------------------------------------------
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    publisherPrincipalId: identity.properties.principalId
    retentionInDays: logRetentionDays
    tags: tags
  }
}

var identityGrant = {
  principalId: identity.properties.principalId
  principalType: 'ServicePrincipal'
}

// Functions host storage: blobs (keys, leases, the deployment container on Flex Consumption), queues, diagnostic-event tables.
// Shared key stays on only for the Azure Files content share.
module hostStorage 'modules/storage.bicep' = {
  name: 'hostStorage'
  params: {
    location: location
    name: names.hostStorage
    allowSharedKeyAccess: true
    queueNames: []
    containerNames: isFlex ? [packageContainerName] : []
    // Flex Consumption has no content share.
    fileShareName: isFlex ? '' : contentShareName
    roleGrants: concat(
      [
        union(identityGrant, { roleDefinitionId: roles.storageBlobDataOwner })
        union(identityGrant, { roleDefinitionId: roles.storageQueueDataContributor })
        union(identityGrant, { roleDefinitionId: roles.storageTableDataContributor })
      ],
      (isFlex && !empty(operatorPrincipalId))
        ? [
            {
              principalId: operatorPrincipalId
              principalType: operatorPrincipalType
              roleDefinitionId: roles.storageBlobDataContributor
            }
          ]
        : []
    )
    tags: tags
  }
}

// Product storage: incident tables and the workflow queue. Entra ID only, no keys.
module productStorage 'modules/storage.bicep' = {
  name: 'productStorage'
  params: {
    location: location
    name: names.productStorage
    allowSharedKeyAccess: false
    queueNames: [workflowQueueName]
    containerNames: []
    fileShareName: ''
    roleGrants: [
      union(identityGrant, { roleDefinitionId: roles.storageTableDataContributor })
      union(identityGrant, { roleDefinitionId: roles.storageQueueDataContributor })
    ]
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    name: names.keyVault
    enablePurgeProtection: enableKeyVaultPurgeProtection
    roleGrants: concat(
      [union(identityGrant, { roleDefinitionId: roles.keyVaultSecretsUser })],
      empty(operatorPrincipalId)
        ? []
        : [
            {
              principalId: operatorPrincipalId
              principalType: operatorPrincipalType
              roleDefinitionId: roles.keyVaultSecretsOfficer
            }
          ]
    )
    tags: tags
  }
}

// ---------------------------------------------------------------------------------------------
// The product's configuration (api-contract.md keys, environment-variable form).
func kvRef(secretName string) string => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretName}/)'

var sourceSettings = toObject(sourceNames, n => 'Sources__${n}__Secret', n => kvRef('source-${n}-secret'))
var commanderSettings = toObject(items(commanderKeyHashes), i => 'Commanders__Keys__${i.key}', i => i.value)
var extraSettings = toObject(extraKeyVaultSettings, s => s.setting, s => kvRef(s.secretName))

var coreSettings = {
  // Tables and queues through the identity (AZURE_CLIENT_ID selects it in Azure.Identity).
  Storage__TableEndpoint: productStorage.outputs.tableEndpoint
  Storage__QueueEndpoint: productStorage.outputs.queueEndpoint
  // The Functions host's queue trigger connection "Storage" (identity-based).
  Storage__queueServiceUri: productStorage.outputs.queueEndpoint
  Storage__credential: 'managedidentity'
  Storage__clientId: identity.properties.clientId
  Directory__Path: directoryPath
  SendGrid__ApiKey: kvRef(sendGridSecretName)
  SendGrid__Host: sendGridHost
  SendGrid__From: sendGridFrom
  Workflow__ApprovalEscalationMinutes: string(approvalEscalationMinutes)
  Workflow__AckReminderMinutes: string(ackReminderMinutes)
  Console__Auth: 'EasyAuth'
  Console__CommanderGroupId: commanderGroupId
}

// Optional features, set only when given (an empty value would be a configuration error at start).
var optionalSettings = union(
  empty(sendGridEventWebhookPublicKey) ? {} : { SendGrid__EventWebhookPublicKey: sendGridEventWebhookPublicKey },
  empty(noticeTemplatesPath) ? {} : { Notices__TemplatesPath: noticeTemplatesPath }
)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    name: names.functionApp
    planName: names.plan
    planSku: planSku
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstances: maximumInstances
    subnetId: subnetId
    identityId: identity.id
    identityClientId: identity.properties.clientId
    hostStorageName: hostStorage.outputs.name
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    packageContainerName: packageContainerName
    contentShareName: contentShareName
    appInsightsConnectionString: monitoring.outputs.connectionString
    productSettings: union(coreSettings, optionalSettings, sourceSettings, commanderSettings, extraSettings)
    publicBaseUrl: publicBaseUrl
    authTenantId: authTenantId
    authClientId: authClientId
    keyVaultUri: keyVaultUri
    authClientSecretName: authClientSecretName
    authExcludedPaths: authExcludedPaths
    linuxFxVersion: linuxFxVersion
    tags: tags
  }
  dependsOn: [keyVault] // Key Vault references resolve against this vault and its role assignment
}

// ---------------------------------------------------------------------------------------------
var baseUrl = 'https://${functionApp.outputs.defaultHostName}'

@description('Function App name (az functionapp commands).')
output functionAppName string = functionApp.outputs.name

@description('Ingest URL without credentials; a SIEM adds ?source=NAME&code=<function key> (docs/deploy.md).')
output ingestUrl string = '${baseUrl}/api/detections'

@description('Ingest URL per configured source, still without the function key.')
output ingestUrlsBySource stringMap = toObject(sourceNames, n => n, n => '${baseUrl}/api/detections?source=${n}')

@description('Console URL (Entra ID sign-in).')
output consoleUrl string = '${baseUrl}/console/'

@description('Health probe URL.')
output healthUrl string = '${baseUrl}/healthz'

@description('Key Vault name for az keyvault secret set.')
output keyVaultName string = keyVault.outputs.name

@description('Secret names the operator must set.')
output requiredSecretNames string[] = concat(
  [sendGridSecretName, authClientSecretName],
  map(sourceNames, n => 'source-${n}-secret'),
  map(extraKeyVaultSettings, s => s.secretName)
)

@description('Host storage account (on Flex Consumption the package goes to its deployments container).')
output hostStorageAccountName string = hostStorage.outputs.name

@description('Product storage account (tables, workflow queue).')
output productStorageAccountName string = productStorage.outputs.name

@description('Flex Consumption: the deployment container the platform runs the worker package from; empty otherwise.')
output deploymentContainerUrl string = isFlex ? '${hostStorage.outputs.blobEndpoint}${packageContainerName}' : ''

@description('Client id of the app identity.')
output identityClientId string = identity.properties.clientId
