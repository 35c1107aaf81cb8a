using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The account's table and queue service clients through the Azure SDK's client factory. How they authenticate is
/// chosen once, from <see cref="StorageOptions"/>: the connection string's key (Azurite, local) when there is one,
/// otherwise the endpoints with one <see cref="DefaultAzureCredential"/> (a managed identity under Azure).
/// </summary>
public static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddAzureClients(azure =>
        {
            // One credential for both clients; it asks for a token only when storage is reached by endpoint.
            azure.UseCredential(_ => new DefaultAzureCredential());
            azure.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) =>
                Tables(sp.GetRequiredService<IOptions<StorageOptions>>().Value, options, credential));
            azure.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) =>
                Queues(sp.GetRequiredService<IOptions<StorageOptions>>().Value, options, credential));
        });
        services.AddSingleton<StorageClients>();
        return services;
    }

    public static TableServiceClient Tables(StorageOptions storage, TableClientOptions? options = null, TokenCredential? credential = null) =>
        storage.UsesConnectionString
            ? new TableServiceClient(storage.ConnectionString, options ?? new TableClientOptions())
            : new TableServiceClient(storage.TableEndpoint, credential ?? new DefaultAzureCredential(), options ?? new TableClientOptions());

    public static QueueServiceClient Queues(StorageOptions storage, QueueClientOptions? options = null, TokenCredential? credential = null)
    {
        options ??= new QueueClientOptions();
        // Base64 is what the Functions host's queue trigger expects, so both hosts read the same messages.
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return storage.UsesConnectionString
            ? new QueueServiceClient(storage.ConnectionString, options)
            : new QueueServiceClient(storage.QueueEndpoint, credential ?? new DefaultAzureCredential(), options);
    }
}
