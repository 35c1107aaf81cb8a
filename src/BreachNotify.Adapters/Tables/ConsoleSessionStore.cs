using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The console's sessions on the server, one row each in the <c>consolesessions</c> table, read on every console
/// request: the cookie carries only a random session key (protected like any ASP.NET Core cookie), so signing out
/// deletes the row and a copy of the cookie taken before is worth nothing. Rows are keyed by the SHA-256 of the
/// session key, so reading the table does not give a usable cookie.
/// </summary>
public sealed class ConsoleSessionStore(StorageClients clients, TimeProvider time) : ITicketStore
{
    private const string Partition = "session";

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await clients.ConsoleSessions.AddEntityAsync(Row(key, ticket), cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>A sliding renewal: only a session that still exists is renewed (sign-out cannot be undone by a late request).</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await clients.ConsoleSessions.UpdateEntityAsync(Row(key, ticket), ETag.All, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length is 0 or > 100)
        {
            return null;
        }

        var row = await clients.ConsoleSessions.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(key), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetBinary("Ticket") is not { } bytes)
        {
            return null;
        }

        if (row.Value.GetDateTimeOffset("ExpiresAt") is not { } expires || expires <= time.GetUtcNow())
        {
            await RemoveAsync(key, cancellationToken);
            return null;
        }

        return TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await clients.ConsoleSessions.DeleteEntityAsync(Partition, RowKey(key), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private TableEntity Row(string key, AuthenticationTicket ticket) => new(Partition, RowKey(key))
    {
        ["Ticket"] = TicketSerializer.Default.Serialize(ticket),
        ["CommanderId"] = ticket.Principal.Identity?.Name,
        ["ExpiresAt"] = ticket.Properties.ExpiresUtc ?? time.GetUtcNow().AddDays(1),
    };

    private static string RowKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
