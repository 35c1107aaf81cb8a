using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Readiness: the incidents table can be read and the workflow queue answers. Its result names only the error's type,
/// so an unready probe logs nothing of the account or the request.
/// </summary>
internal sealed class StorageHealthCheck(StorageClients clients) : IHealthCheck
{
    public const string Name = "storage";
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await clients.Incidents.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().FirstAsync(cancellationToken);
            await clients.WorkflowQueue.GetPropertiesAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is Azure.RequestFailedException || StorageOutage.IsUnreachable(e))
        {
            return HealthCheckResult.Unhealthy($"storage unreachable ({e.GetType().Name})");
        }
    }
}
