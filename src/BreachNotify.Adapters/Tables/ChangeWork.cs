
namespace BreachNotify.Adapters.Tables;

/// <summary>
/// Work a change's step owes to the notice engine (its fan-out, withdrawal notices, an objection receipt): keyed by the change
/// and the step's version, so a step's work has one row; the row key completes it.
/// </summary>
public sealed record ChangeWork(string ChangeId, WorkItemKind Kind, string RowKey, string? CustomerId = null, int Sequence = 0)
{
    public static ChangeWork For(string changeId, WorkItemKind kind, int version, string? customerId = null) =>
        new(changeId, kind, $"{changeId}|{kind}|{version:D8}", customerId);

    /// <summary>The privacy team's alert about the event at <paramref name="version"/>; the item carries the version to read it by.</summary>
    public static ChangeWork Alert(string changeId, int version) =>
        new(changeId, WorkItemKind.ChangeAlert, $"{changeId}|{WorkItemKind.ChangeAlert}|{version:D8}", Sequence: version);

    public WorkItem Item => new(Kind, ChangeId, RowKey, Sequence: Sequence, PartyIds: CustomerId is null ? null : [CustomerId], Matter: MatterKind.SubprocessorChange);
}
