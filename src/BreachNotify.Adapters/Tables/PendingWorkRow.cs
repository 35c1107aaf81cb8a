using Azure;

namespace BreachNotify.Adapters.Tables;

/// <summary>One row of the <see cref="PendingWorkIndex"/> as read, with its ETag so that removing it cannot remove a newer one.</summary>
public sealed record PendingWorkRow(string Bucket, string TargetKey, string IncidentId, DateTimeOffset DueAt, ETag ETag)
{
    public bool IsUnfiledCreation => TargetKey.StartsWith(RowKeys.StateKind + "|", StringComparison.Ordinal);
}
