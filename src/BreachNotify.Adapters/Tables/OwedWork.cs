
namespace BreachNotify.Adapters.Tables;

/// <summary>
/// Work a matter's step owes the notice engine (a fan-out, a mail), keyed by the matter and the step's version so that a
/// step's work has one row; the row key completes it. The shape of <c>ChangeWork</c>, for any kind.
/// </summary>
/// <param name="Sequence">The event the work is about, where the work item needs it (a change's alert reads its event by it).</param>
public sealed record OwedWork(string MatterId, WorkItemKind Kind, string RowKey, MatterKind Matter, string? CustomerId = null, int Sequence = 0)
{
    public static OwedWork For(string matterId, WorkItemKind kind, int version, MatterKind matter, string? customerId = null) =>
        new(matterId, kind, $"{matterId}|{kind}|{version:D8}", matter, customerId);

    public WorkItem Item => new(Kind, MatterId, RowKey, Sequence: Sequence, PartyIds: CustomerId is null ? null : [CustomerId], Matter: Matter);
}
