// The Linux Function App running BreachNotify's isolated worker (dotnet-isolated, .NET 10) on Flex Consumption
// (default) or Elastic Premium, its plan, its app settings and App Service Authentication (Easy Auth v2, Entra ID)
// protecting the console only.

import { resourceTags, stringMap } from 'types.bicep'

@description('Azure region.')
param location string

@description('Function App name (globally unique host name).')
param name string

@description('App Service plan name.')
param planName string

@description('FC1: Flex Consumption. EP1/EP2/EP3: Elastic Premium (minimum instances, VNet integration). Both run the isolated worker.')
@allowed(['FC1', 'EP1', 'EP2', 'EP3'])
param planSku string

@description('Always-ready HTTP instances on Flex Consumption, minimum instances on Elastic Premium.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int

@description('Maximum instances the plan may scale out to.')
@minValue(1)
@maxValue(100)
param maximumInstances int

@description('Subnet resource id for regional VNet integration; empty for none.')
param subnetId string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Host storage account name (AzureWebJobsStorage, identity-based).')
param hostStorageName string

@description('Blob endpoint of the host storage account (deployment container on FC1).')
param hostBlobEndpoint string

@description('Container holding the deployment package on FC1.')
param packageContainerName string

@description('Azure Files content share name (Elastic Premium).')
param contentShareName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('App settings of the product (environment-variable form), merged over the platform settings.')
param productSettings stringMap

@description('Public base URL of notice links; empty: https://<default host name>.')
param publicBaseUrl string

@description('Entra ID tenant that signs commanders in.')
param authTenantId string

@description('Client (application) id of the Entra app registration for the console.')
param authClientId string

@description('Key Vault URI (ending with /) for the Easy Auth client secret reference.')
param keyVaultUri string

@description('Key Vault secret holding the Easy Auth client secret.')
param authClientSecretName string

@description('Paths Easy Auth lets through without sign-in (the app authenticates them itself).')
param authExcludedPaths string[]

@description('Elastic Premium: Linux stack string of the isolated worker (DOTNET-ISOLATED|10.0).')
param linuxFxVersion string

param tags resourceTags

var isFlex = planSku == 'FC1'
var authSecretSettingName = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostStorageName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: planSku, tier: 'ElasticPremium' }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: isFlex ? null : maximumInstances
  }
}

// Settings the Functions host and the platform need; the product's own keys come from productSettings.
// Flex Consumption takes the runtime (FUNCTIONS_WORKER_RUNTIME is not an app setting there) and the package from
// functionAppConfig, and has no content share.
var platformSettings = isFlex ? flexPlatformSettings : commonPlatformSettings

var flexPlatformSettings = {
  AzureWebJobsStorage__accountName: hostStorageName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
  AZURE_CLIENT_ID: identityClientId
  '${authSecretSettingName}': '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${authClientSecretName}/)'
}

// Flex Consumption: the isolated worker (dotnet-isolated, .NET 10) from the deployment container, read with the
// identity; always-ready HTTP instances instead of Elastic Premium's minimum instance count.
var flexFunctionAppConfig = {
  deployment: {
    storage: {
      type: 'blobContainer'
      value: '${hostBlobEndpoint}${packageContainerName}'
      authentication: {
        type: 'UserAssignedIdentity'
        userAssignedIdentityResourceId: identityId
      }
    }
  }
  scaleAndConcurrency: {
    maximumInstanceCount: maximumInstances
    instanceMemoryMB: 2048
    alwaysReady: [
      { name: 'http', instanceCount: alwaysReadyInstances }
    ]
  }
  runtime: {
    name: 'dotnet-isolated'
    version: '10.0'
  }
}

var commonPlatformSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  // Host storage through the user-assigned identity (no key).
  AzureWebJobsStorage__accountName: hostStorageName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Azure Files content share: the one place that still needs an account key (Azure Files has no
  // identity-based option for WEBSITE_CONTENTAZUREFILECONNECTIONSTRING).
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: 'DefaultEndpointsProtocol=https;AccountName=${hostStorageName};EndpointSuffix=${environment().suffixes.storage};AccountKey=${hostStorage.listKeys().keys[0].value}'
  WEBSITE_CONTENTSHARE: contentShareName
  // Elastic Premium: zip deploy (az functionapp deployment source config-zip) + run from package.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
  // Azure.Identity in the app picks the user-assigned identity from this.
  AZURE_CLIENT_ID: identityClientId
  // Easy Auth client secret, read from Key Vault.
  '${authSecretSettingName}': '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${authClientSecretName}/)'
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: !empty(subnetId) ? subnetId : null
    outboundVnetRouting: !empty(subnetId) ? { allTraffic: true } : null
    functionAppConfig: isFlex ? flexFunctionAppConfig : null
    siteConfig: isFlex ? flexSiteConfig : {
      linuxFxVersion: linuxFxVersion
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      minimumElasticInstanceCount: alwaysReadyInstances
      preWarmedInstanceCount: 1
      functionAppScaleLimit: maximumInstances
      // The platform settings are present from creation (content share, identity-based host
      // storage); the product's settings are added by the appsettings resource below.
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: commonPlatformSettings.FUNCTIONS_EXTENSION_VERSION }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: commonPlatformSettings.FUNCTIONS_WORKER_RUNTIME }
        { name: 'AzureWebJobsStorage__accountName', value: commonPlatformSettings.AzureWebJobsStorage__accountName }
        { name: 'AzureWebJobsStorage__credential', value: commonPlatformSettings.AzureWebJobsStorage__credential }
        { name: 'AzureWebJobsStorage__clientId', value: commonPlatformSettings.AzureWebJobsStorage__clientId }
        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: commonPlatformSettings.WEBSITE_CONTENTAZUREFILECONNECTIONSTRING }
        { name: 'WEBSITE_CONTENTSHARE', value: commonPlatformSettings.WEBSITE_CONTENTSHARE }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: commonPlatformSettings.APPLICATIONINSIGHTS_CONNECTION_STRING }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: commonPlatformSettings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING }
      ]
    }
  }
}

// Flex Consumption: no stack string, instance counts or content share in siteConfig (functionAppConfig holds them).
var flexSiteConfig = {
  ftpsState: 'Disabled'
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  http20Enabled: true
  healthCheckPath: '/healthz'
  appSettings: [
    { name: 'AzureWebJobsStorage__accountName', value: flexPlatformSettings.AzureWebJobsStorage__accountName }
    { name: 'AzureWebJobsStorage__credential', value: flexPlatformSettings.AzureWebJobsStorage__credential }
    { name: 'AzureWebJobsStorage__clientId', value: flexPlatformSettings.AzureWebJobsStorage__clientId }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: flexPlatformSettings.APPLICATIONINSIGHTS_CONNECTION_STRING }
    { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: flexPlatformSettings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING }
  ]
}

// The complete setting set (this resource replaces all app settings): platform + product +
// PublicBaseUrl, which needs the site's own host name and so can only be written after the site.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(platformSettings, productSettings, {
    PublicBaseUrl: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
  })
}

resource auth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: authExcludedPaths
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          clientId: authClientId
          clientSecretSettingName: authSecretSettingName
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: { enabled: false }
      preserveUrlFragmentsForLogins: false
    }
    httpSettings: {
      requireHttps: true
      routes: { apiPrefix: '/.auth' }
      forwardProxy: { convention: 'NoProxy' }
    }
  }
  dependsOn: [appSettings] // the secret setting must exist before Easy Auth uses it
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output id string = site.id
